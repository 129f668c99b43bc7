#include "bench_support.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

namespace vanban::bench {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

Seed000Plan load_seed000_plan(const vanban::Engine& engine, const std::string& source_dir, const std::string& profile) {
    Seed000Plan plan;
    plan.data = read_file(source_dir + "/" + kSeed000Data);
    plan.render_options.profile = profile;
    plan.model = engine.build_model("ke-hoach", plan.data, plan.render_options);
    if (!plan.model) {
        std::fprintf(stderr, "error: %s\n", plan.model.error.format().c_str());
        std::exit(1);
    }
    return plan;
}

Flag text_flag(std::string_view name, std::string& field) {
    return {name, [&field](const char* value) { field = value; }};
}

Flag count_flag(std::string_view name, int& field) {
    return {name, [&field](const char* value) { field = std::max(1, std::atoi(value)); }};
}

bool parse_flags(int argc, char** argv, std::initializer_list<Flag> flags) {
    if (argc % 2 == 0) return false; // a name without its value
    for (int i = 1; i + 1 < argc; i += 2) {
        const auto flag = std::find_if(flags.begin(), flags.end(), [&](const Flag& f) { return f.name == argv[i]; });
        if (flag == flags.end()) return false;
        flag->apply(argv[i + 1]);
    }
    return true;
}

double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

long thread_minor_faults() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_minflt;
}

Samples time_runs(int warm_up, int iterations, const std::function<void()>& once) {
    for (int i = 0; i < warm_up; ++i) once();
    Samples samples;
    samples.wall_ms.reserve(static_cast<std::size_t>(iterations));
    samples.cpu_ms.reserve(static_cast<std::size_t>(iterations));
    for (int i = 0; i < iterations; ++i) {
        const auto w0 = std::chrono::steady_clock::now();
        const double c0 = thread_cpu_ms();
        once();
        samples.cpu_ms.push_back(thread_cpu_ms() - c0);
        samples.wall_ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count());
    }
    return samples;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const std::size_t index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

void print_load_average() {
    double load[3] = {0, 0, 0};
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
        std::fclose(f);
    }
    std::printf("machine load average: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
}

} // namespace vanban::bench
