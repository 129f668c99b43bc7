#include "serve/http_server.hpp"

#include "serve/thread_pool.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
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

    // Whether a request has started to arrive (or the client closed: the read says which).
    bool has_input() const {
        if (buffered() > 0) return true;
        pollfd entry{fd_, POLLIN, 0};
        return ::poll(&entry, 1, 0) > 0;
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
    std::array<char, 16 * 1024> buffer_; // not zeroed: only [begin_, end_) is read, and a stream is made per hand-over
    size_t begin_ = 0;
    size_t end_ = 0;
};

} // namespace

// httplib's task queue on a ThreadPool; a job given after shutdown began runs at once on
// the caller's thread (a parked connection becoming ready then is still closed properly).
class HttpServer::ConnectionQueue final : public httplib::TaskQueue {
public:
    ConnectionQueue(HttpServer& server, std::size_t threads) : server_(server), pool_(threads) {
        std::lock_guard lock(server_.queue_mutex_);
        server_.queue_ = this;
    }

    void enqueue(std::function<void()> job) override {
        if (pool_.push(job) == ThreadPool::Pushed::stopped) job();
    }

    // Runs the jobs already given, then joins the threads. From now on the connections that
    // leave the parked ones are closed instead of given here (httplib deletes the queue next).
    void shutdown() override {
        {
            std::lock_guard lock(server_.queue_mutex_);
            server_.queue_ = nullptr;
        }
        pool_.stop();
        pool_.join();
    }

private:
    HttpServer& server_;
    ThreadPool pool_;
};

// The connections between two requests, waited for by one thread with poll(). One whose
// next request starts to arrive goes back to the thread pool (`ready`); one idle past its
// time, or every one when stopping, is closed (`expired`).
class HttpServer::IdleConnections {
public:
    IdleConnections(std::function<void(int)> ready, std::function<void(int)> expired)
        : ready_(std::move(ready)), expired_(std::move(expired)), wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
          thread_([this] { run(); }) {}

    ~IdleConnections() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake();
        thread_.join();
        ::close(wake_);
    }

    void park(int fd, Clock::time_point until) {
        {
            std::lock_guard lock(mutex_);
            if (!stopping_) {
                parked_.push_back({fd, until});
                wake();
                return;
            }
        }
        expired_(fd);
    }

    // Closes every parked connection, and each one parked from now on.
    void close_all() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake();
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return parked_.size();
    }

private:
    struct Parked {
        int fd;
        Clock::time_point until;
    };

    void wake() {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t written = ::write(wake_, &one, sizeof one);
    }

    void run() {
        std::vector<pollfd> polled;
        for (;;) {
            std::vector<int> ready, expired;
            Clock::time_point next = Clock::now() + std::chrono::seconds(1);
            bool stop = false;
            {
                std::lock_guard lock(mutex_);
                stop = stopping_;
                sort_out(polled, ready, expired, next);
            }
            for (int fd : expired) expired_(fd);
            for (int fd : ready) ready_(fd);
            if (stop) return;
            polled.assign(1, pollfd{wake_, POLLIN, 0});
            {
                std::lock_guard lock(mutex_);
                for (const Parked& p : parked_) polled.push_back({p.fd, POLLIN, 0});
            }
            const auto wait = std::chrono::duration_cast<milliseconds>(next - Clock::now()).count();
            ::poll(polled.data(), polled.size(), static_cast<int>(std::clamp<long long>(wait + 1, 1, 1000)));
            if (polled[0].revents != 0) {
                std::uint64_t count = 0;
                [[maybe_unused]] const ssize_t got = ::read(wake_, &count, sizeof count);
            }
        }
    }

    // Takes out the connections that poll() found ready and those past their time (all of
    // them when stopping); `next` becomes the earliest time still to come. Under the lock.
    void sort_out(const std::vector<pollfd>& polled, std::vector<int>& ready, std::vector<int>& expired,
                  Clock::time_point& next) {
        std::vector<int> readable;
        for (std::size_t i = 1; i < polled.size(); ++i)
            if (polled[i].revents != 0) readable.push_back(polled[i].fd);
        const Clock::time_point now = Clock::now();
        std::vector<Parked> kept;
        for (const Parked& p : parked_) {
            if (stopping_ || p.until <= now) expired.push_back(p.fd);
            else if (std::find(readable.begin(), readable.end(), p.fd) != readable.end()) ready.push_back(p.fd);
            else {
                kept.push_back(p);
                next = std::min(next, p.until);
            }
        }
        parked_ = std::move(kept);
    }

    std::function<void(int)> ready_;
    std::function<void(int)> expired_;
    mutable std::mutex mutex_;
    std::vector<Parked> parked_;
    bool stopping_ = false;
    int wake_;
    std::thread thread_;
};

HttpServer::HttpServer(ConnectionLimits limits) : limits_(limits) {
    new_task_queue = [this] { return new ConnectionQueue(*this, limits_.threads); };
    idle_ = std::make_unique<IdleConnections>(
        [this](int fd) {
            std::lock_guard lock(queue_mutex_);
            if (queue_) queue_->enqueue([this, fd] { serve(fd); });
            else close_connection(fd);
        },
        [this](int fd) { close_connection(fd); });
    // Only what httplib writes in its Keep-Alive header: the connections are managed here.
    set_keep_alive_timeout(std::max<long>(1, static_cast<long>(limits_.idle_timeout.count() / 1000)));
    set_keep_alive_max_count(1'000'000);
}

HttpServer::~HttpServer() { idle_.reset(); }

std::size_t HttpServer::idle_connections() const { return idle_->size(); }

void HttpServer::close_after_response() { close_requested = true; }

void HttpServer::widen_backlog() {
    // httplib 0.11 listens with a backlog of 5: a burst of new connections (64 at once from
    // a load test, a page opening several) would see SYNs dropped and retried a second later.
    if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
}

void HttpServer::stop_serving() {
    stop();
    idle_->close_all();
}

bool HttpServer::process_and_close_socket(socket_t socket) {
    ++open_connections_;
    serve(socket);
    return true;
}

void HttpServer::close_connection(socket_t socket) {
    ::shutdown(socket, SHUT_RDWR);
    ::close(socket);
    --open_connections_;
}

void HttpServer::serve(socket_t socket) {
    DeadlineStream stream(socket, limits_.write_timeout);
    for (;;) {
        if (stopping()) return close_connection(socket);
        if (!stream.has_input()) return idle_->park(socket, Clock::now() + limits_.idle_timeout);
        stream.start_request(limits_.request_deadline);
        close_requested = false;
        bool closed_by_client = false;
        const bool answered = process_request(stream, stopping(), closed_by_client, nullptr);
        if (!answered || closed_by_client || close_requested) return close_connection(socket);
    }
}

} // namespace vanban::serve
