extension Array {
    /// Rearranges the array so that element `k` is the one that was at `order[k]` (`order` a permutation of the
    /// indices), by swaps along each cycle: no element is copied.
    package mutating func permute(by order: [Int]) {
        precondition(order.count == count, "a permutation of \(count) indices, not \(order.count)")
        var done = [Bool](repeating: false, count: count)
        // In the buffer, a swap moves the two elements' bytes; the array's own swap copies one (a retain, a release).
        withUnsafeMutableBufferPointer { buffer in
            for start in buffer.indices where !done[start] {
                var k = start
                while order[k] != start {
                    buffer.swapAt(k, order[k])
                    done[k] = true
                    k = order[k]
                }
                done[k] = true
            }
        }
    }
}
