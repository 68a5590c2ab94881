#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `poll_oneoff`: waits until a clock subscription's time comes or an fd subscription is ready,
// and reports what happened as events. Layouts (preview 1, little-endian):
//
//   subscription (48 bytes)  0 userdata u64 · 8 tag u8 (0 clock, 1 fd_read, 2 fd_write)
//                            clock: 16 id u32 · 24 timeout u64 · 32 precision u64 · 40 flags u16
//                            fd:    16 fd u32
//   event (32 bytes)         0 userdata u64 · 8 error u16 · 10 type u8
//                            16 nbytes u64 · 24 flags u16 (1 = hangup)
//
// Regular files, directories and in-memory stdio are always ready (as `poll(2)` says of files);
// other host fds (terminals, pipes, sockets) are asked with `poll(2)`. When something is ready
// at once, clocks do not delay the answer; otherwise the call sleeps until the earliest clock
// or a host fd becomes ready, and reports every subscription that is due by then.

/// One parsed subscription.
struct WASISubscription {
    enum Kind {
        /// Fires when the monotonic clock reaches `deadline` (nanoseconds).
        case clock(deadline: UInt64)
        case fdRead(UInt32)
        case fdWrite(UInt32)
        /// A subscription the guest got wrong (an unknown clock or tag): reported at once.
        case invalid(WASIErrno, type: UInt8)
    }
    var userdata: UInt64
    var kind: Kind
    var eventType: UInt8 {
        switch kind {
        case .clock: 0
        case .fdRead: 1
        case .fdWrite: 2
        case .invalid(_, let type): type
        }
    }
}

/// One event to report.
struct WASIEvent {
    var userdata: UInt64
    var error: WASIErrno
    var type: UInt8
    var nbytes: UInt64 = 0
    var hangup = false
}

extension WASIFileDescriptorTable {
    /// Waits as `poll_oneoff` does and returns the events (at least one). `subscriptions` is
    /// parsed already; clock deadlines are monotonic times.
    func poll(_ subscriptions: [WASISubscription]) throws(WASIErrno) -> [WASIEvent] {
        var events: [WASIEvent] = []
        var hostPolls: [(index: Int, fd: pollfd)] = []
        var earliest: UInt64?
        for (index, subscription) in subscriptions.enumerated() {
            switch subscription.kind {
            case .clock(let deadline):
                earliest = min(earliest ?? deadline, deadline)
            case .invalid(let error, let type):
                events.append(WASIEvent(userdata: subscription.userdata, error: error, type: type))
            case .fdRead(let fd), .fdWrite(let fd):
                let reading = subscription.eventType == 1
                do {
                    let entry = try entry(fd, requiring: [reading ? .fdRead : .fdWrite, .pollFdReadwrite])
                    if let host = entry.hostFD, entry.fileType != .regularFile, entry.fileType != .directory {
                        hostPolls.append((index, pollfd(fd: host, events: Int16(reading ? POLLIN : POLLOUT), revents: 0)))
                    } else {
                        events.append(WASIEvent(userdata: subscription.userdata, error: .success, type: subscription.eventType,
                                                nbytes: reading ? readableBytes(entry) : 0))
                    }
                } catch {
                    events.append(WASIEvent(userdata: subscription.userdata, error: error, type: subscription.eventType))
                }
            }
        }
        // Wait only if nothing is ready yet.
        var timeout: UInt64? = nil
        if events.isEmpty, let earliest {
            let now = try WASIClock.monotonic.now()
            timeout = earliest > now ? earliest - now : 0
        } else {
            timeout = events.isEmpty ? nil : 0
        }
        if !hostPolls.isEmpty || (timeout ?? 0) > 0 {
            var fds = hostPolls.map(\.fd)
            try Self.hostPoll(&fds, timeout: timeout)
            for (slot, polled) in zip(hostPolls, fds) where polled.revents != 0 {
                let subscription = subscriptions[slot.index]
                let failed = polled.revents & Int16(POLLNVAL) != 0
                events.append(WASIEvent(userdata: subscription.userdata, error: failed ? .badf : .success,
                                        type: subscription.eventType,
                                        hangup: polled.revents & Int16(POLLHUP) != 0))
            }
        }
        if events.isEmpty {
            let now = try WASIClock.monotonic.now()
            for subscription in subscriptions {
                if case .clock(let deadline) = subscription.kind, deadline <= now {
                    events.append(WASIEvent(userdata: subscription.userdata, error: .success, type: 0))
                }
            }
        }
        return events
    }

    /// What a read could return without blocking, for an fd that is always ready.
    private func readableBytes(_ entry: Entry) -> UInt64 {
        guard let host = entry.hostFD, entry.fileType == .regularFile else { return 0 }
        var st = stat()
        let offset = lseek(host, 0, SEEK_CUR)
        guard fstat(host, &st) == 0, offset >= 0, st.st_size > offset else { return 0 }
        return UInt64(st.st_size - offset)
    }

    /// `poll(2)` on `fds` for at most `timeout` nanoseconds (`nil`: without limit), retried
    /// after a signal. With no fds it sleeps (`nanosleep`, for nanosecond precision).
    private static func hostPoll(_ fds: inout [pollfd], timeout: UInt64?) throws(WASIErrno) {
        let start = try WASIClock.monotonic.now()
        while true {
            var left = timeout
            if let timeout {
                let elapsed = try WASIClock.monotonic.now() - start
                left = timeout > elapsed ? timeout - elapsed : 0
            }
            let result: Int32
            if fds.isEmpty, let left {
                // Only clocks: sleep with nanosecond precision.
                var spec = timespec(tv_sec: Int(min(left / 1_000_000_000, UInt64(Int32.max))), tv_nsec: Int(left % 1_000_000_000))
                result = nanosleep(&spec, nil)
            } else {
                let milliseconds = left.map { Int32(clamping: ($0 + 999_999) / 1_000_000) } ?? -1
                result = fds.withUnsafeMutableBufferPointer { hostPollCall($0.baseAddress, nfds_t($0.count), milliseconds) }
            }
            if result >= 0 { return }
            if errno != EINTR { throw .current }
        }
    }
}

@inline(__always) private func hostPollCall(_ fds: UnsafeMutablePointer<pollfd>?, _ count: nfds_t, _ timeout: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.poll(fds, count, timeout)
    #else
    Darwin.poll(fds, count, timeout)
    #endif
}
