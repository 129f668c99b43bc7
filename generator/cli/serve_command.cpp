// vanban serve: the HTTP service and the web page (generator/serve/, docs/serve.md). This
// file only reads the command line, starts the server and stops it on SIGTERM or Ctrl-C.
#include <pthread.h>
#include <signal.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli_support.hpp"
#include "commands.hpp"
#include "language.hpp"
#include "serve/server.hpp"

namespace fs = std::filesystem;

namespace vanban::cli {

namespace {

struct ServeArgs {
    CommonOptions common;
    std::string listen = "127.0.0.1:8080";
    std::size_t workers = 0;
    std::size_t queue = 128;
    std::size_t max_body = 8u << 20;
    long deadline_ms = 10'000;
    std::size_t connections = 64;
    std::string token;
    std::string token_file;
    bool no_token = false;
    std::vector<std::string> cors;
    std::string web_dir;
    std::string pdfjs_dir = "/usr/share/javascript/pdf"; // Debian's libjs-pdf
};

int report_usage(const Message& message, const Message& hint = {}) {
    Error error;
    error.kind = ErrorKind::usage;
    error.message = message;
    error.hint = hint;
    return report(error);
}

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:80" -> host and port.
bool split_listen(const std::string& listen, std::string& host, int& port) {
    const std::size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string digits = listen.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
    port = std::stoi(digits);
    return port <= 65535;
}

// The page's files: --web, else the installed ones (share/vanban/web beside the
// templates), else the sources' when the program runs from its build folder.
fs::path web_folder(const ServeArgs& args) {
    if (!args.web_dir.empty()) return args.web_dir;
    std::error_code ec;
    const fs::path installed = installed_template_dir().parent_path() / "web";
    if (fs::is_regular_file(installed / "index.html", ec)) return installed;
#ifdef VANBAN_SOURCE_WEB_DIR
    return VANBAN_SOURCE_WEB_DIR;
#else
    return installed;
#endif
}

bool read_token_file(const std::string& path, std::string& token) {
    std::ifstream in(path);
    std::getline(in, token);
    while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
    return in.is_open() && !token.empty();
}

// SIGTERM and SIGINT are taken by a thread of their own (blocked everywhere else before any
// other thread starts), which stops the server gracefully.
class StopOnSignal {
public:
    StopOnSignal() {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGTERM);
        sigaddset(&signals_, SIGINT);
        pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    }
    void start(serve::Server& server) {
        thread_ = std::thread([this, &server] {
            int received = 0;
            sigwait(&signals_, &received);
            if (received != 0) server.stop();
        });
    }
    // After the server stopped by itself (never, today): wakes the thread to end it.
    ~StopOnSignal() {
        if (!thread_.joinable()) return;
        pthread_kill(thread_.native_handle(), SIGTERM);
        thread_.join();
    }

private:
    sigset_t signals_{};
    std::thread thread_;
};

int run_serve(const ServeArgs& args) {
    serve::ServerOptions options;
    if (!split_listen(args.listen, options.host, options.port))
        return report_usage(msg("serve.bad-listen", "--listen wants HOST:PORT (127.0.0.1:8080, [::1]:8080), not '{value}'",
                               {{"value", args.listen}}));
    options.token = args.token;
    if (!args.token_file.empty() && !read_token_file(args.token_file, options.token))
        return report_usage(msg("serve.token-file", "cannot read a token from {file} (its first line)",
                               {{"file", args.token_file}}));
    options.allow_without_token = args.no_token;
    options.workers = args.workers;
    options.queue_capacity = args.queue;
    options.max_body_bytes = args.max_body;
    options.render_deadline = std::chrono::milliseconds(args.deadline_ms);
    options.connections.threads = args.connections;
    options.cors_origins = args.cors;
    options.web_dir = web_folder(args);
    options.pdfjs_dir = args.pdfjs_dir;
    options.language = current_language();

    StopOnSignal stop_on_signal;
    Engine engine(engine_options(args.common));
    serve::Server server(engine, options);
    if (auto problem = server.bind()) return report_usage(problem->message, problem->hint);
    stop_on_signal.start(server);
    const std::string url = "http://" + (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
                            ":" + std::to_string(server.port()) + "/";
    std::cerr << "vanban serve: " << tr(msg("serve.listening", "listening on {url}", {{"url", url}})) << "\n";
    if (!server.has_web_page())
        std::cerr << "vanban serve: "
                  << tr(msg("serve.no-web-page", "the web page was not found in {folder}: the API only",
                              {{"folder", options.web_dir.string()}}))
                  << "\n";
    server.run();
    std::cerr << "vanban serve: " << tr(msg("serve.stopped", "stopped")) << "\n";
    return 0;
}

} // namespace

Command add_serve_command(CLI::App& app) {
    auto args = std::make_shared<ServeArgs>();
    CLI::App* serve = app.add_subcommand(
        "serve", tr(msg("serve.help", "Serve the API and the web page over HTTP (docs/serve.md)")));
    serve->add_option("--listen", args->listen,
                      tr(msg("serve.help.listen", "Address and port to listen on; default 127.0.0.1:8080 (this machine only)")));
    serve->add_option("-t,--templates", args->common.template_dirs,
                      tr(msg("serve.help.templates",
                               "Template folder (repeatable); default: $VANBAN_TEMPLATES, else ./templates, else the installed ones")))
        ->allow_extra_args(false);
    serve->add_option("--workers", args->workers,
                      tr(msg("serve.help.workers", "Documents made at once; default: one per core")));
    serve->add_option("--queue", args->queue,
                      tr(msg("serve.help.queue", "Documents that may wait for a worker; more are refused with 503 (default 128)")));
    serve->add_option("--max-body", args->max_body,
                      tr(msg("serve.help.max-body", "Largest request body in bytes; more is refused with 413 (default 8 MiB)")));
    serve->add_option("--deadline", args->deadline_ms,
                      tr(msg("serve.help.deadline", "Milliseconds a document may take, waiting included; then 503 (default 10000)")));
    serve->add_option("--connections", args->connections,
                      tr(msg("serve.help.connections", "Connections served at once (default 64)")));
    serve->add_option("--token", args->token,
                      tr(msg("serve.help.token", "Bearer token the API requires (visible in ps: prefer --token-file)")));
    serve->add_option("--token-file", args->token_file,
                      tr(msg("serve.help.token-file", "File whose first line is the bearer token the API requires")));
    serve->add_flag("--no-token", args->no_token,
                    tr(msg("serve.help.no-token", "Allow listening beyond this machine without a token (behind a proxy that checks)")));
    serve->add_option("--cors", args->cors,
                      tr(msg("serve.help.cors", "Origin allowed to call the API from a browser (repeatable; * for any); default none")))
        ->allow_extra_args(false);
    serve->add_option("--web", args->web_dir,
                      tr(msg("serve.help.web", "Folder of the web page's files; default: the installed ones")));
    serve->add_option("--pdfjs", args->pdfjs_dir,
                      tr(msg("serve.help.pdfjs", "Folder of pdf.js for the preview (Debian libjs-pdf); default /usr/share/javascript/pdf")));
    add_output_options(*serve, args->common);
    return {serve, [args] { return run_serve(*args); }};
}

} // namespace vanban::cli
