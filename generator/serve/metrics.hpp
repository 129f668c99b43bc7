// The counters of vanban serve, written in Prometheus' text format at /metrics:
//   vanban_http_requests_total{route,status}   requests answered, by route pattern and status
//   vanban_errors_total{code}                  problems answered, by message code
//   vanban_render_seconds{format}              a histogram of the time of each render
//   vanban_render_queue_length, vanban_render_workers_busy, vanban_http_connections_open …
// Labels come from fixed sets (route patterns, message codes, formats), never from a
// request's own text, so a client cannot make the series grow.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace vanban::serve {

// Values read when /metrics is asked for.
struct Gauges {
    std::size_t queue_length = 0;
    std::size_t queue_capacity = 0;
    std::size_t workers_busy = 0;
    std::size_t workers = 0;
    std::size_t connections_open = 0;
    std::size_t connections_idle = 0;
};

class Metrics {
public:
    void count_request(const std::string& route, int status);
    void count_error(const std::string& code);
    void observe_render(const std::string& format, std::chrono::duration<double> seconds);

    std::string prometheus_text(const Gauges& gauges) const;

    // Upper bounds of the histogram's buckets, in seconds.
    static constexpr std::array<double, 12> kBuckets = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05,
                                                        0.1,   0.2,   0.5,   1,    2,    5};

private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{}; // not cumulative here
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, std::uint64_t> errors_;
    std::map<std::string, Histogram> renders_;
};

} // namespace vanban::serve
