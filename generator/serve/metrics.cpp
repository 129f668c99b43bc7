#include "serve/metrics.hpp"

#include <sstream>

namespace vanban::serve {

void Metrics::count_request(const std::string& route, int status) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
}

void Metrics::count_error(const std::string& code) {
    std::lock_guard lock(mutex_);
    ++errors_[code];
}

void Metrics::observe_render(const std::string& format, std::chrono::duration<double> seconds) {
    std::size_t bucket = 0;
    while (bucket < kBuckets.size() && seconds.count() > kBuckets[bucket]) ++bucket;
    std::lock_guard lock(mutex_);
    Histogram& histogram = renders_[format];
    if (bucket < kBuckets.size()) ++histogram.buckets[bucket];
    ++histogram.count;
    histogram.sum += seconds.count();
}

namespace {

void gauge(std::ostream& out, const char* name, const char* help, std::size_t value) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n" << name << ' ' << value << '\n';
}

} // namespace

std::string Metrics::prometheus_text(const Gauges& gauges) const {
    std::ostringstream out;
    std::lock_guard lock(mutex_);
    out << "# HELP vanban_http_requests_total HTTP requests answered, by route and status.\n"
           "# TYPE vanban_http_requests_total counter\n";
    for (const auto& [key, count] : requests_)
        out << "vanban_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count
            << '\n';
    out << "# HELP vanban_errors_total Problems answered, by message code.\n"
           "# TYPE vanban_errors_total counter\n";
    for (const auto& [code, count] : errors_) out << "vanban_errors_total{code=\"" << code << "\"} " << count << '\n';
    out << "# HELP vanban_render_seconds Time to render one document (queue wait excluded).\n"
           "# TYPE vanban_render_seconds histogram\n";
    for (const auto& [format, histogram] : renders_) {
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += histogram.buckets[i];
            out << "vanban_render_seconds_bucket{format=\"" << format << "\",le=\"" << kBuckets[i] << "\"} "
                << cumulative << '\n';
        }
        out << "vanban_render_seconds_bucket{format=\"" << format << "\",le=\"+Inf\"} " << histogram.count << '\n'
            << "vanban_render_seconds_sum{format=\"" << format << "\"} " << histogram.sum << '\n'
            << "vanban_render_seconds_count{format=\"" << format << "\"} " << histogram.count << '\n';
    }
    gauge(out, "vanban_render_queue_length", "Renders waiting for a worker.", gauges.queue_length);
    gauge(out, "vanban_render_queue_capacity", "Renders that may wait before requests are refused (503).",
          gauges.queue_capacity);
    gauge(out, "vanban_render_workers_busy", "Workers rendering now.", gauges.workers_busy);
    gauge(out, "vanban_render_workers", "Render workers.", gauges.workers);
    gauge(out, "vanban_http_connections_open", "Connections open, idle ones included.", gauges.connections_open);
    gauge(out, "vanban_http_connections_idle", "Connections waiting for their next request.", gauges.connections_idle);
    return out.str();
}

} // namespace vanban::serve
