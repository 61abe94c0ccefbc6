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

@Suite struct ExpressionNumberTests {
    @Test(arguments: [("1e-3", 0.001), ("2.5E+4", 25_000), ("1E3", 1_000), ("-4.5e-2", -0.045), ("7", 7)])
    func signedExponents(text: String, value: Double) throws {
        #expect(try Expression.parse("fatalities_high > \(text)") == .compare(.property("fatalities_high"), .gt, .literal(.number(value))))
    }

    @Test(arguments: ["1e", "1e-", "2.5E+", "1.2.3"])
    func malformedNumbers(text: String) {
        #expect(throws: Expression.SyntaxError(offset: 4, message: "malformed number \"\(text)\"")) { try Expression.parse("a > \(text)") }
    }
}

/// `description` writes text that `parse` reads back to the same expression.
@Suite struct ExpressionRoundTripTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func value(_ g: inout Seeded) -> Expression {
        switch Int.random(in: 0..<7, using: &g) {
        case 0: return .literal(.number([0, -3, 0.5, 1e-7, 2.5e20, 160].randomElement(using: &g)!))
        case 1: return .literal(.string(["MLI", "it's", "say \"hi\"", ""].randomElement(using: &g)!))
        case 2: return .literal([.bool(true), .bool(false), .null].randomElement(using: &g)!)
        case 3: return .list((0..<Int.random(in: 0...3, using: &g)).map { Expression.literal(.number(Double($0))) })
        case 4: return .has(["date", "closed"].randomElement(using: &g)!)
        default: return .property(["fatalities_high", "geo.precision", "admin-1", "_x2"].randomElement(using: &g)!)
        }
    }

    static func expression(_ g: inout Seeded, depth: Int) -> Expression {
        let leaf = depth == 0
        switch Int.random(in: 0..<(leaf ? 1 : 7), using: &g) {
        case 0: return value(&g)
        case 1: return .not(expression(&g, depth: depth - 1))
        case 2: return .and(expression(&g, depth: depth - 1), expression(&g, depth: depth - 1))
        case 3: return .or(expression(&g, depth: depth - 1), expression(&g, depth: depth - 1))
        case 4, 5:
            let op = [Expression.Comparison.eq, .ne, .lt, .le, .gt, .ge].randomElement(using: &g)!
            return .compare(expression(&g, depth: depth - 1), op, expression(&g, depth: depth - 1))
        default: return .isIn(expression(&g, depth: depth - 1), value(&g))
        }
    }

    @Test func generatedExpressionsRoundTrip() throws {
        var g = Seeded(state: 2026)
        for _ in 0..<2_000 {
            let e = Self.expression(&g, depth: Int.random(in: 0...4, using: &g))
            #expect(try Expression.parse(e.description) == e, "\(e.description)")
        }
    }

    @Test(arguments: ["fatalities_high >= 50 and perpetrator_type == \"jihadist\"", "country not in ['MLI', 'NER']",
                      "not (country == 'BFA') or has(date)", "(a == 1) == true", "x > 1e-20"])
    func parsedTextRoundTrips(text: String) throws {
        let e = try Expression.parse(text)
        #expect(try Expression.parse(e.description) == e)
    }
}

/// The property names an expression reads, for reading only those (issue 13, item 1).
@Suite struct ExpressionFieldsTests {
    @Test func everyPropertyAndHasIsListed() throws {
        let e = try Expression.parse(#"fatalities >= 5 and (actor1 == "X" or not has(closed)) and country in [iso, "MLI"] and 3 < year"#)
        #expect(e.fields == ["fatalities", "actor1", "closed", "country", "iso", "year"])
        #expect(try Expression.parse("true").fields.isEmpty)
    }
}
