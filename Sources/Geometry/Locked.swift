import Glibc

/// A value behind a POSIX mutex: what the project uses where threads share state, instead of the standard library's
/// `Mutex`.
///
/// On Linux `Synchronization.Mutex` locks with raw futex system calls. ThreadSanitizer only knows the locks it
/// intercepts (pthread's), so it saw no order between two threads' accesses under the same `Mutex` and reported
/// them as a data race now and then (CI of f5fd0ec: `TemporaryFiles.register` against `unregister`, both inside
/// `withLock`). `pthread_mutex_lock` is intercepted, so the order is seen, and a real race would still be reported.
package final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the lock held.
    package func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
