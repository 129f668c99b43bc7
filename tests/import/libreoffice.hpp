// LibreOffice as people use it, run by the tests to make DOCX files (never kept as binaries).
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "support/shell.hpp"
#include "support/temp_dir.hpp"

namespace vanban::testing {

// LibreOffice opens the files in dir (space-separated, quoted; HTML or DOCX, or UTF-8 text
// when as_text) and saves each as DOCX in dir/out_folder, with a private HOME and profile, as
// the DOCX examples test runs it. out_folder "" saves beside the input (never over it).
inline void save_as_docx_with_libreoffice(const TempDir& dir, const std::string& files, bool as_text = false,
                                          const std::string& out_folder = "") {
    if (run_shell("command -v soffice >/dev/null 2>&1") != 0)
        FAIL("LibreOffice is not installed: soffice is not on PATH (apt-get install libreoffice-writer-nogui)");
    const std::string folder = dir.path().string();
    const CommandResult converted = read_command(
        "cd " + shell_quote(folder) + " && HOME=" + shell_quote(folder) + " timeout 300 soffice " +
        shell_quote("-env:UserInstallation=file://" + folder + "/profile") + " --headless --norestore " +
        (as_text ? "--infilter='Text (encoded):UTF8' " : "") + "--convert-to 'docx:MS Word 2007 XML' " +
        (out_folder.empty() ? "" : "--outdir " + shell_quote(out_folder) + " ") + files + " 2>&1");
    INFO(converted.output);
    REQUIRE(converted.exit_code == 0);
}

} // namespace vanban::testing
