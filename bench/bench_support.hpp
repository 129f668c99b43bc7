// What the benchmarks of bench/ share: reading the input, "--name value" options, timing a
// piece of work many times, the statistics they print, and the state of the machine.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/engine.hpp"

namespace vanban::bench {

// The data every benchmark renders: the plan of seed 000 (template ke-hoach), relative to
// the repository.
inline constexpr const char* kSeed000Data = "data/000-quang-nam-ke-hoach-28.json";

// The whole file, as bytes ("" when it cannot be read).
std::string read_file(const std::string& path);

// The seed-000 plan as the one-thread benchmarks render it, read and built before any timing.
struct Seed000Plan {
    std::string data;                    // the JSON text
    vanban::RenderOptions render_options; // the profile asked for
    vanban::ModelResult model;           // the document model `engine` builds from the data
};
// Reads the plan's data from the repository at `source_dir` and builds its model with
// `engine` and `profile` ("" for the data's own); prints the error and exits with 1 when the
// model cannot be built.
Seed000Plan load_seed000_plan(const vanban::Engine& engine, const std::string& source_dir, const std::string& profile);

// One option of the form "--name value", and what to do with its value.
struct Flag {
    std::string_view name;
    std::function<void(const char* value)> apply;
};
// A flag whose value is stored as given.
Flag text_flag(std::string_view name, std::string& field);
// A flag whose value is a count, at least 1 (a number that does not parse counts as 1).
Flag count_flag(std::string_view name, int& field);

// Reads argv[1..] as "--name value" pairs of `flags`; false on a name it does not know or a
// name without its value (the caller prints its usage).
bool parse_flags(int argc, char** argv, std::initializer_list<Flag> flags);

// This thread's CPU time in milliseconds: disturbed less than the wall clock by other work on
// a shared machine.
double thread_cpu_ms();

// Peak resident memory of the process so far, in kilobytes.
long peak_rss_kb();

// This thread's minor page faults so far: pages the kernel mapped on first touch (memory the
// allocator took from the system, each page a fault whose time counts as this thread's CPU).
long thread_minor_faults();

// The times of each timed run of a piece of work, in milliseconds.
struct Samples {
    std::vector<double> wall_ms, cpu_ms;
};
// Runs `once` `warm_up` times untimed (caches, allocator), then `iterations` times, timing
// each run by the wall clock and by this thread's CPU time.
Samples time_runs(int warm_up, int iterations, const std::function<void()>& once);

// The median: the middle value, or the mean of the two middle values of an even count.
double median(std::vector<double> values);
// The p-th fraction (0 ≤ p ≤ 1) by nearest rank: the value at position p × (n − 1), rounded;
// no averaging, so percentile(v, 0.5) and median(v) differ for an even count.
double percentile(std::vector<double> values, double p);

// Prints "machine load average: 1m 5m 15m" (from /proc/loadavg), so that a figure taken on a
// busy machine shows it.
void print_load_average();

} // namespace vanban::bench
