#include "serve/http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vanban::serve {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// The connection served on this thread, so that a handler can ask for it to be closed.
thread_local bool close_requested = false;

// Waits until the socket is ready for `events` or the time is up; false on time-out or error.
bool wait_ready(int fd, short events, Clock::time_point until) {
    for (;;) {
        const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now()).count();
        if (left <= 0) return false;
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, static_cast<int>(std::min<long long>(left, 1'000'000)));
        if (ready > 0) return (entry.revents & (events | POLLHUP | POLLERR)) != 0;
        if (ready < 0 && errno != EINTR) return false;
    }
}

std::string address_text(const sockaddr_storage& address, int& port) {
    char text[INET6_ADDRSTRLEN] = "";
    if (address.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
        ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        port = ntohs(v4.sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
        ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        port = ntohs(v6.sin6_port);
    }
    return text;
}

// One connection as httplib reads and writes it. Reads are buffered (httplib reads a
// request line a byte at a time) and fail once the request's deadline has passed.
class DeadlineStream final : public httplib::Stream {
public:
    DeadlineStream(int fd, milliseconds write_timeout) : fd_(fd), write_timeout_(write_timeout) {}

    void start_request(milliseconds deadline) { read_deadline_ = Clock::now() + deadline; }

    // Waits for the next request: true when it has started to arrive. Gives up when the
    // connection stays idle for `idle`, or when `give_up()` says so (checked every 50 ms).
    bool wait_for_request(milliseconds idle, const std::function<bool()>& give_up) {
        if (buffered() > 0) return true;
        const Clock::time_point until = Clock::now() + idle;
        while (Clock::now() < until) {
            if (give_up()) return false;
            if (wait_ready(fd_, POLLIN, std::min(until, Clock::now() + milliseconds(50)))) return fill() > 0;
        }
        return false;
    }

    bool is_readable() const override { return buffered() > 0 || wait_ready(fd_, POLLIN, read_deadline_); }
    bool is_writable() const override {
        return wait_ready(fd_, POLLOUT, Clock::now() + write_timeout_);
    }

    ssize_t read(char* out, size_t size) override {
        if (buffered() == 0) {
            if (!wait_ready(fd_, POLLIN, read_deadline_)) return -1;
            const ssize_t got = fill();
            if (got <= 0) return got;
        }
        const size_t n = std::min(size, buffered());
        std::memcpy(out, buffer_.data() + begin_, n);
        begin_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* data, size_t size) override {
        if (!is_writable()) return -1;
        return ::send(fd_, data, size, MSG_NOSIGNAL);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip = address_text(address, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip = address_text(address, port);
    }
    socket_t socket() const override { return fd_; }

private:
    size_t buffered() const { return end_ - begin_; }
    ssize_t fill() {
        ssize_t got;
        do got = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
        while (got < 0 && errno == EINTR);
        begin_ = 0;
        end_ = got > 0 ? static_cast<size_t>(got) : 0;
        return got;
    }

    int fd_;
    milliseconds write_timeout_;
    Clock::time_point read_deadline_ = Clock::now();
    std::array<char, 16 * 1024> buffer_{};
    size_t begin_ = 0;
    size_t end_ = 0;
};

} // namespace

// httplib's ThreadPool, counting the connections that wait for a thread (an idle
// keep-alive connection then gives its thread up).
class HttpServer::ConnectionQueue final : public httplib::TaskQueue {
public:
    ConnectionQueue(std::size_t threads, std::atomic<std::size_t>& waiting) : waiting_(waiting) {
        for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
    }

    void enqueue(std::function<void()> job) override {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
            ++waiting_;
        }
        ready_.notify_one();
    }

    // Serves the connections already accepted, then joins the threads.
    void shutdown() override {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        for (std::thread& thread : threads_) thread.join();
    }

private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (jobs_.empty()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
                --waiting_;
            }
            job();
        }
    }

    std::atomic<std::size_t>& waiting_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    std::vector<std::thread> threads_;
    bool stopping_ = false;
};

HttpServer::HttpServer(ConnectionLimits limits) : limits_(limits) {
    new_task_queue = [this] { return new ConnectionQueue(limits_.threads, waiting_connections_); };
    set_keep_alive_max_count(limits_.requests_per_connection);
    set_keep_alive_timeout(std::max<long>(1, static_cast<long>(limits_.idle_timeout.count() / 1000)));
}

void HttpServer::close_after_response() { close_requested = true; }

bool HttpServer::process_and_close_socket(socket_t socket) {
    ++open_connections_;
    const bool served = serve_requests(socket);
    ::shutdown(socket, SHUT_RDWR);
    ::close(socket);
    --open_connections_;
    return served;
}

bool HttpServer::serve_requests(socket_t socket) {
    DeadlineStream stream(socket, limits_.write_timeout);
    const auto give_up = [this] { return svr_sock_ == INVALID_SOCKET || waiting_connections_ > 0; };
    bool served = false;
    for (std::size_t count = 0; count < limits_.requests_per_connection; ++count) {
        // The first request of a connection is waited for even when others queue: the
        // client has just connected to send it.
        const auto give_up_when_idle = [&] { return count > 0 ? give_up() : svr_sock_ == INVALID_SOCKET; };
        if (!stream.wait_for_request(limits_.idle_timeout, give_up_when_idle)) break;
        stream.start_request(limits_.request_deadline);
        close_requested = false;
        const bool last = count + 1 == limits_.requests_per_connection || svr_sock_ == INVALID_SOCKET;
        bool closed_by_client = false;
        served = process_request(stream, last, closed_by_client, nullptr);
        if (!served || closed_by_client || close_requested || last) break;
    }
    return served;
}

} // namespace vanban::serve
