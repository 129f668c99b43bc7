// Tasks: who leads, who cooperates, by when. From the table of an appendix "Phân công nhiệm
// vụ" when the document has one (each row is matched to the item it lists), else from the
// usual wordings of the text itself ("Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với …",
// "(hoàn thành trong tháng 4/2019)", a group headed by an agency).
#pragma once

#include <string>
#include <vector>

#include "import/draft.hpp"
#include "import/notice.hpp"
#include "import/outline.hpp"

namespace vanban::import {

struct TaskRow {
    Text task;               // the "Nhiệm vụ" cell
    std::string lead, cooperating, deadline;
    int paragraph = 0;
};

// Whether a table is a task table: its header row names the task, the lead agency and the
// deadline ("TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian").
bool is_task_table(const Table& table);
std::vector<TaskRow> task_rows(const Table& table);

// Gives each row to the item it lists (in order; the best-matching text), setting lead,
// cooperating, deadline and summary so that the template prints the same table. Rows that
// match no item are reported.
void apply_task_rows(std::vector<Node>& roots, const std::vector<TaskRow>& rows, std::vector<Notice>& notices);

// The usual wordings, for documents without a task table. Nothing printed changes: a
// deadline found in a text stays in it (deadline_in_text).
void read_tasks_from_text(std::vector<Node>& roots);

} // namespace vanban::import
