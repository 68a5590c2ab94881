#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain OS thread for tests that need a second thread (no Foundation, no executors).
final class NativeThread {
    private var thread = pthread_t()
    private final class Work { let run: () -> Void; init(_ run: @escaping () -> Void) { self.run = run } }

    init(_ body: @escaping () -> Void) throws {
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        #if canImport(Glibc)
        var handle = pthread_t()
        #else
        var handle: pthread_t?
        #endif
        let status = pthread_create(&handle, nil, { argument in
            let work = Unmanaged<Work>.fromOpaque(argument!).takeRetainedValue()
            work.run()
            return nil
        }, work)
        guard status == 0 else { throw NativeThreadError(status: status) }
        #if canImport(Glibc)
        thread = handle
        #else
        thread = handle!
        #endif
    }

    func join() { pthread_join(thread, nil) }
}

struct NativeThreadError: Error { let status: Int32 }
