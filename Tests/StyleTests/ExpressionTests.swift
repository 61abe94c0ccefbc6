import Geometry
@testable import Style
import Testing

@Suite struct ExpressionTests {
    let massacre: [String: JSONValue] = [
        "fatalities_high": .number(160), "perpetrator_type": .string("jihadist"), "country": .string("BFA"),
        "date": .string("2021-06-05"), "geo_precision": .number(2), "closed": .null,
    ]

    @Test(arguments: [
        ("fatalities_high >= 50 and perpetrator_type == \"jihadist\"", true),
        ("fatalities_high >= 50 and perpetrator_type == \"state\"", false),
        ("fatalities_high > 160", false),
        ("fatalities_high <= 160", true),
        ("country in [\"MLI\", \"BFA\", \"NER\"]", true),
        ("country not in ['MLI', 'NER']", true),
        ("not (country == 'BFA')", false),
        ("date >= \"2021-01-01\" and date < '2022'", true),
        ("has(date) and not has(closed) and not has(missing)", true),
        ("closed == null and missing == null", true),
        ("missing > 3 or missing < 3", false),
        ("geo_precision == \"2\"", true),
        ("perpetrator_type == 'jihadist' or fatalities_high < 0 and country == 'X'", true),
    ])
    func evaluates(text: String, expected: Bool) throws {
        #expect(try Expression.parse(text).matches(massacre) == expected, "\(text)")
    }

    @Test(arguments: [
        ("fatalities_high >=", 18, "the expression ends too early"),
        ("country = \"MLI\"", 8, "'=' is not a comparison; write '=='"),
        ("country == \"MLI", 11, "unterminated string"),
        ("(a == 1", 7, "expected ')'"),
        ("a == 1 b", 7, "unexpected \"b\" after a complete expression"),
        ("a in [1, 2", 10, "expected ',' or ']' in a list"),
        ("and == 2", 0, "expected a value, found \"and\""),
        ("a == 1 ; b", 7, "unexpected character ';'"),
    ])
    func syntaxErrors(text: String, offset: Int, message: String) {
        do {
            _ = try Expression.parse(text)
            Issue.record("expected a syntax error for \(text)")
        } catch {
            #expect(error == Expression.SyntaxError(offset: offset, message: message))
        }
    }
}

@Suite struct ValueTests {
    @Test func matchStepInterpolate() {
        let match = Value<Double>.match(property: "t", cases: ["a": 1, "2": 5], fallback: 9)
        #expect(match.value(for: ["t": .string("a")]) == 1)
        #expect(match.value(for: ["t": .number(2)]) == 5)
        #expect(match.value(for: ["t": .string("z")]) == 9)
        #expect(match.value(for: [:]) == 9)

        let step = Value<Double>.step(property: "n", base: 2, stops: [.init(50, 6), .init(100, 9)])
        #expect(step.value(for: ["n": .number(10)]) == 2)
        #expect(step.value(for: ["n": .number(50)]) == 6)
        #expect(step.value(for: ["n": .number(99.9)]) == 6)
        #expect(step.value(for: ["n": .number(500)]) == 9)
        #expect(step.value(for: ["n": .string("many")]) == nil)

        let linear = Value<Double>.interpolate(property: "n", curve: .linear, stops: [.init(0, 10), .init(100, 20)])
        #expect(linear.value(for: ["n": .number(25)]) == 12.5)
        #expect(linear.value(for: ["n": .number(-5)]) == 10)
        #expect(linear.value(for: ["n": .number(500)]) == 20)
    }

    /// Proportional symbols by area: radius ∝ √value, so 4× the deaths gives 2× the radius.
    @Test func sqrtIsAreaTrue() throws {
        let r = Value<Double>.interpolate(property: "f", curve: .sqrt, stops: [.init(0, 0), .init(200, 16)])
        #expect(r.value(for: ["f": .number(200)]) == 16)
        #expect(r.value(for: ["f": .number(50)]) == 8)
        let r160 = try #require(r.value(for: ["f": .number(160)]))
        #expect(abs(r160 - 16 * (0.8).squareRoot()) < 1e-12)
    }

    @Test func colourInterpolation() {
        let c = Value<Color>.interpolate(property: "n", curve: .linear, stops: [.init(0, .hex("#000000")), .init(10, .hex("#ffffff"))])
        #expect(c.value(for: ["n": .number(5)])?.description == "#808080")
    }
}
