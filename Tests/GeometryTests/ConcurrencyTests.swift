import Dispatch
import Geometry
import Testing

/// The two things the project shares between threads: `Locked` and `Slots`. CI also runs these under ThreadSanitizer,
/// which sees `Locked`'s pthread mutex (it did not see the standard library's futex `Mutex`).
struct ConcurrencyTests {
    @Test func lockedCountsEveryIncrement() {
        let counter = Locked(0)
        let seen = Locked([Int]())
        DispatchQueue.concurrentPerform(iterations: 8) { k in
            for _ in 0..<20_000 { counter.withLock { $0 += 1 } }
            seen.withLock { $0.append(k) }
        }
        #expect(counter.withLock { $0 } == 160_000, "an increment was lost: the lock did not exclude")
        #expect(seen.withLock { $0.sorted() } == Array(0..<8))
    }

    @Test func lockedPassesErrorsThrough() {
        struct Refused: Error, Equatable { let n: Int }
        let value = Locked(41)
        #expect(throws: Refused(n: 42)) { try value.withLock { n throws(Refused) in n += 1; throw Refused(n: n) } }
        #expect(value.withLock { $0 } == 42, "the change before the throw stays, and the lock is free again")
    }

    @Test func concurrentMapKeepsIndexOrder() {
        let squares = concurrentMap(1000) { $0 * $0 }
        #expect(squares == (0..<1000).map { $0 * $0 })
    }
}
