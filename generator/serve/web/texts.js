// The page's words, in Vietnamese and English (docs/messages.md). The fields' own labels and
// help come from the template's schema.json, which is in Vietnamese.
"use strict";
var TEXTS = {
  vi: {
    template: "Mẫu",
    load: "Mở dữ liệu…",
    save: "Lưu dữ liệu",
    draft: "Dự thảo",
    draftHelp: "Tạo bản dự thảo: để trống số và ngày, tháng, in dấu “DỰ THẢO” (số ký hiệu chỉ ghi phần ký hiệu, ví dụ “-KH/CB”)",
    downloadPdf: "Tải PDF",
    downloadDocx: "Tải DOCX",
    token: "Mã truy cập",
    data: "Dữ liệu",
    preview: "Xem trước",
    add: "+ Thêm",
    up: "Lên",
    down: "Xuống",
    remove: "Xóa",
    optional: "(không bắt buộc)",
    moreFields: "Thêm {count} trường khác…",
    rendering: "đang tạo…",
    renderedIn: "đã cập nhật: tệp {server} ms, trang đầu {first} ms, cả {pages} trang {all} ms",
    warning: "cảnh báo: {message}",
    moreWarnings: "(và {count} cảnh báo khác)",
    problems: "Dữ liệu có {count} lỗi; bản xem trước là bản cũ:",
    cannotReach: "Không kết nối được máy chủ: {reason}",
    needToken: "Máy chủ cần mã truy cập: nhập vào ô “Mã truy cập”.",
    notJsonFile: "Tệp {name} không phải là JSON: {reason}",
    jsonEditorHelp: "Viết bằng JSON.",
    jsonInvalid: "JSON chưa đúng: {reason}",
    whole: "(toàn bộ dữ liệu)",
    importDraft: "Nhập bản Word…",
    importing: "đang đọc {name}…",
    imported: "đã nhập {name}: giữ {kept}/{words} từ, {warnings} cảnh báo",
    batch: "Tạo hàng loạt…",
    batchRunning: "đang tạo hàng loạt từ {name}: {done}/{records} bản ghi, đã nhận {size}",
    batchDone: "đã tạo hàng loạt: {records} bản ghi, {size} ({seconds} giây)",
    batchFailed: "tạo hàng loạt không được: {reason}"
  },
  en: {
    template: "Template",
    load: "Open data…",
    save: "Save data",
    draft: "Draft",
    draftHelp: "Make a draft: number and day and month left blank, marked “DỰ THẢO” (the number is the code alone, e.g. “-KH/CB”)",
    downloadPdf: "Download PDF",
    downloadDocx: "Download DOCX",
    token: "Token",
    data: "Data",
    preview: "Preview",
    add: "+ Add",
    up: "Up",
    down: "Down",
    remove: "Remove",
    optional: "(optional)",
    moreFields: "{count} more fields…",
    rendering: "rendering…",
    renderedIn: "updated: file {server} ms, first page {first} ms, all {pages} pages {all} ms",
    warning: "warning: {message}",
    moreWarnings: "(and {count} more)",
    problems: "The data has {count} problems; the preview is the last good one:",
    cannotReach: "Cannot reach the server: {reason}",
    needToken: "The server needs a token: type it in the “Token” box.",
    notJsonFile: "The file {name} is not JSON: {reason}",
    jsonEditorHelp: "Written as JSON.",
    jsonInvalid: "The JSON is not right yet: {reason}",
    whole: "(the whole data)",
    importDraft: "Import a Word draft…",
    importing: "reading {name}…",
    imported: "imported {name}: {kept} of {words} words kept, {warnings} warnings",
    batch: "Batch…",
    batchRunning: "batch from {name}: {done} of {records} records, {size} received",
    batchDone: "batch made: {records} records, {size} ({seconds} s)",
    batchFailed: "the batch failed: {reason}"
  }
};

// The text of `key` in `language`, {arguments} filled in.
function text(language, key, args) {
  var template = (TEXTS[language] || TEXTS.vi)[key] || TEXTS.en[key] || key;
  return template.replace(/\{(\w+)\}/g, function (all, name) {
    return args && name in args ? String(args[name]) : all;
  });
}
