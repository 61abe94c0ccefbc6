import Dispatch

/// One value per index, each set by one thread, read once every thread is done (after
/// `DispatchQueue.concurrentPerform` returns): slots of their own, no lock to take. (The `Mutex` of optionals this
/// replaced was reported by ThreadSanitizer now and then: on Linux that lock is a futex it does not see; see `Locked`.)
package final class Slots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    package let count: Int

    package init(_ count: Int) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Sets slot `k`: by one thread only, and before the slots are read.
    package func set(_ k: Int, _ value: T) {
        precondition(k >= 0 && k < count, "slot \(k) of \(count)")
        base[k] = value
    }

    /// The values, nil where none was set; once every thread that sets them is done.
    package var values: [T?] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// `body(k)` for every `k` in `0..<count`, run on every core (`DispatchQueue.concurrentPerform`), in index order.
package func concurrentMap<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let slots = Slots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { k in slots.set(k, body(k)) }
    return slots.values.map { $0! }
}

/// A value lent to other threads while its owner waits for them (`DispatchQueue.concurrentPerform`, `concurrentMap`):
/// used by one thread at a time, or only read, so it need not be Sendable.
package final class Lent<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
