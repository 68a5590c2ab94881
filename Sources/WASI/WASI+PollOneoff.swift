import WasmFiber

// `poll_oneoff`'s arguments: the subscription records are parsed (clock deadlines turned into
// monotonic times), the table waits (`WASIPoll.swift`), and the events are written back.

extension WASI {
    /// `poll_oneoff(in, out, nsubscriptions, nevents)`: see `WASIPoll.swift`.
    func pollOneoff(_ memory: WASIGuestMemory, subscriptions: UInt32, events: UInt32, count: UInt32, eventCount: UInt32) throws(WASIErrno) {
        guard count > 0 else { throw .inval }
        let input = try memory.address(subscriptions, count: Int(count) * 48)
        let output = try memory.address(events, count: Int(count) * 32)
        _ = try memory.address(eventCount, count: 4)
        let now = try WASIClock.monotonic.now()
        var parsed: [WASISubscription] = []
        parsed.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            let record = input + index * 48
            let userdata = UInt64(littleEndian: record.loadUnaligned(as: UInt64.self))
            let tag = record.load(fromByteOffset: 8, as: UInt8.self)
            let fd = UInt32(littleEndian: record.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
            switch tag {
            case 0:
                let timeout = UInt64(littleEndian: record.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
                let flags = UInt16(littleEndian: record.loadUnaligned(fromByteOffset: 40, as: UInt16.self))
                guard let clock = WASIClock(rawValue: fd), flags & ~1 == 0 else {
                    parsed.append(WASISubscription(userdata: userdata, kind: .invalid(.inval, type: 0)))
                    continue
                }
                var remaining = timeout
                if flags & 1 != 0 { // subscription_clock_abstime
                    let clockNow = clock == .monotonic ? now : try clock.now()
                    remaining = timeout > clockNow ? timeout - clockNow : 0
                }
                let (deadline, overflow) = now.addingReportingOverflow(remaining)
                parsed.append(WASISubscription(userdata: userdata, kind: .clock(deadline: overflow ? .max : deadline)))
            case 1: parsed.append(WASISubscription(userdata: userdata, kind: .fdRead(fd)))
            case 2: parsed.append(WASISubscription(userdata: userdata, kind: .fdWrite(fd)))
            default: parsed.append(WASISubscription(userdata: userdata, kind: .invalid(.inval, type: tag)))
            }
        }
        let happened = try fileDescriptors.poll(parsed)
        for (index, event) in happened.prefix(Int(count)).enumerated() {
            let record = output + index * 32
            record.initializeMemory(as: UInt8.self, repeating: 0, count: 32)
            record.storeBytes(of: event.userdata.littleEndian, as: UInt64.self)
            record.storeBytes(of: event.error.rawValue.littleEndian, toByteOffset: 8, as: UInt16.self)
            record.storeBytes(of: event.type, toByteOffset: 10, as: UInt8.self)
            record.storeBytes(of: event.nbytes.littleEndian, toByteOffset: 16, as: UInt64.self)
            record.storeBytes(of: UInt16(event.hangup ? 1 : 0).littleEndian, toByteOffset: 24, as: UInt16.self)
        }
        try memory.storeU32(UInt32(min(happened.count, Int(count))), at: eventCount)
    }
}
