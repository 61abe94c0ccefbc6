import Geometry
import Testing

struct PermuteTests {
    @Test func permuteTakesEachElementFromItsIndex() {
        var letters = Array("abcdefg")
        let order = [3, 0, 6, 1, 2, 5, 4]   // cycles (0 3 1), (2 6 4), (5)
        letters.permute(by: order)
        #expect(String(letters) == "dagbcfe")
        var shuffled = Array(0..<1000).shuffled(), copy = shuffled
        let sorting = shuffled.indices.sorted { shuffled[$0] < shuffled[$1] }
        shuffled.permute(by: sorting)
        #expect(shuffled == Array(0..<1000))
        copy = sorting.map { copy[$0] }
        #expect(copy == shuffled, "the same as mapping the order")
    }
}
