import Geometry

/// A filter expression over a feature's properties, in a small language close to what analysts write:
/// `fatalities_high >= 50 and perpetrator_type == "state"`, `country in ["MLI", "NER"]`, `not has(closed)`.
///
/// Comparisons: `== != < <= > >=`, `in [...]`, `not in [...]`; logic: `and`, `or`, `not`, parentheses;
/// literals: numbers (`-2`, `0.5`, `1e-3`), "strings" or 'strings', true, false, null; `has(name)` is true when the property exists
/// and is not null. Property names are bare words (letters, digits, `_`, `-`, `.`). Numbers compare
/// numerically, strings by their characters (so ISO dates compare in time order); a comparison with a missing
/// or null property is false, except `== null`.
public indirect enum Expression: Sendable, Equatable, CustomStringConvertible {
    case literal(JSONValue)
    case property(String)
    case list([Expression])
    case has(String)
    case not(Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case compare(Expression, Comparison, Expression)
    case isIn(Expression, Expression)

    public enum Comparison: String, Sendable {
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    }

    /// A syntax error at a 0-based character offset in the source text.
    public struct SyntaxError: Error, Equatable, Sendable {
        public var offset: Int
        public var message: String
    }

    /// Parses an expression.
    /// - Throws: `SyntaxError` with the offset of the problem.
    public static func parse(_ text: String) throws(SyntaxError) -> Expression {
        var p = ExpressionParser(text)
        let e = try p.orExpr()
        if let err = p.lexError { throw err }
        if let t = p.peek() { throw SyntaxError(offset: t.offset, message: "unexpected \(t.kind.describe) after a complete expression") }
        return e
    }

    /// Evaluates to true or false for a feature's properties.
    public func matches(_ properties: [String: JSONValue]) -> Bool {
        if case .bool(let b) = evaluate(properties) { return b }
        return false
    }

    func evaluate(_ p: [String: JSONValue]) -> JSONValue {
        switch self {
        case .literal(let v): return v
        case .property(let name): return p[name] ?? .null
        case .list(let items): return .array(items.map { $0.evaluate(p) })
        case .has(let name):
            if let v = p[name], v != .null { return .bool(true) }
            return .bool(false)
        case .not(let e): return .bool(!e.matches(p))
        case .and(let a, let b): return .bool(a.matches(p) && b.matches(p))
        case .or(let a, let b): return .bool(a.matches(p) || b.matches(p))
        case .isIn(let a, let b):
            let v = a.evaluate(p)
            guard case .array(let items) = b.evaluate(p) else { return .bool(false) }
            return .bool(items.contains { Self.equal(v, $0) })
        case .compare(let a, let op, let b):
            let x = a.evaluate(p), y = b.evaluate(p)
            switch op {
            case .eq: return .bool(Self.equal(x, y))
            case .ne: return .bool(!Self.equal(x, y))
            default:
                let order: Int?
                switch (x, y) {
                case (.number(let m), .number(let n)): order = m < n ? -1 : (m > n ? 1 : 0)
                case (.string(let s), .string(let t)): order = s < t ? -1 : (s > t ? 1 : 0)
                default: order = nil
                }
                guard let order else { return .bool(false) }
                switch op {
                case .lt: return .bool(order < 0)
                case .le: return .bool(order <= 0)
                case .gt: return .bool(order > 0)
                default: return .bool(order >= 0)
                }
            }
        }
    }

    /// The property names the expression reads (`has(name)` included): `fatalities >= 5 and not has(closed)` →
    /// `["fatalities", "closed"]`. The language has no other way to reach a property, so this is all of them.
    public var fields: Set<String> {
        switch self {
        case .literal: []
        case .property(let n), .has(let n): [n]
        case .list(let items): items.reduce(into: []) { $0.formUnion($1.fields) }
        case .not(let e): e.fields
        case .and(let a, let b), .or(let a, let b), .compare(let a, _, let b), .isIn(let a, let b): a.fields.union(b.fields)
        }
    }

    /// Equality where a number and its decimal text are equal ("2" == 2), so CSV-born values compare naturally.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let m), .string(let s)), (.string(let s), .number(let m)): return Double(s) == m
        default: return a == b
        }
    }

    /// Text that `parse` reads back to the same expression.
    public var description: String {
        switch self {
        // The language has no escapes: a string holding a double quote is written in single quotes.
        case .literal(.string(let s)): s.contains("\"") ? "'\(s)'" : "\"\(s)\""
        case .literal(let v): v.kindDescription
        case .property(let n): n
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .has(let n): "has(\(n))"
        case .not(let e): "not (\(e))"
        case .and(let a, let b): "(\(a) and \(b))"
        case .or(let a, let b): "(\(a) or \(b))"
        case .compare(let a, let op, let b): "\(a.operand) \(op.rawValue) \(b.operand)"
        case .isIn(let a, let b): "\(a.operand) in \(b.operand)"
        }
    }

    /// An operand of a comparison or `in`, which takes primaries: a comparison or `not` there needs parentheses.
    private var operand: String {
        switch self {
        case .compare, .isIn, .not: "(\(self))"
        default: description
        }
    }
}

private struct Token {
    enum Kind: Equatable {
        case word(String), number(Double), string(String), op(String)
        var describe: String {
            switch self {
            case .word(let w): "\"\(w)\""
            case .number(let n): JSONValue.format(n)
            case .string(let s): "\"\(s)\" (a string)"
            case .op(let o): "'\(o)'"
            }
        }
    }
    var kind: Kind
    var offset: Int
}

private struct ExpressionParser {
    var tokens: [Token] = []
    var k = 0
    var lexError: Expression.SyntaxError?
    let length: Int

    init(_ text: String) {
        let chars = Array(text)
        length = chars.count
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            let start = i
            if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || "_-.".contains(chars[i]) { i += 1 }
                tokens.append(Token(kind: .word(String(chars[start..<i])), offset: start))
            } else if c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) {
                i += 1
                while i < chars.count, chars[i].isNumber || chars[i] == "." { i += 1 }
                // An exponent, signed or not: 1e-3, 2.5E+4. A bare "1e" or "1e-" stays malformed.
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    i += 1
                    if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
                    while i < chars.count, chars[i].isNumber { i += 1 }
                }
                guard let n = Double(String(chars[start..<i])) else {
                    lexError = .init(offset: start, message: "malformed number \"\(String(chars[start..<i]))\"")
                    return
                }
                tokens.append(Token(kind: .number(n), offset: start))
            } else if c == "\"" || c == "'" {
                i += 1
                while i < chars.count, chars[i] != c { i += 1 }
                guard i < chars.count else {
                    lexError = .init(offset: start, message: "unterminated string")
                    return
                }
                tokens.append(Token(kind: .string(String(chars[(start + 1)..<i])), offset: start))
                i += 1
            } else if let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : nil, ["==", "!=", "<=", ">="].contains(two) {
                tokens.append(Token(kind: .op(two), offset: start))
                i += 2
            } else if "<>()[],".contains(c) {
                tokens.append(Token(kind: .op(String(c)), offset: start))
                i += 1
            } else if c == "=" {
                lexError = .init(offset: start, message: "'=' is not a comparison; write '=='")
                return
            } else {
                lexError = .init(offset: start, message: "unexpected character '\(c)'")
                return
            }
        }
    }

    func peek() -> Token? { k < tokens.count ? tokens[k] : nil }

    mutating func next() throws(Expression.SyntaxError) -> Token {
        if let e = lexError, k >= tokens.count || tokens[k].offset >= e.offset { throw e }
        guard k < tokens.count else { throw .init(offset: length, message: "the expression ends too early") }
        k += 1
        return tokens[k - 1]
    }

    mutating func accept(word: String) -> Bool {
        if case .word(let w)? = peek()?.kind, w == word { k += 1; return true }
        return false
    }

    mutating func accept(op: String) -> Bool {
        if case .op(let o)? = peek()?.kind, o == op { k += 1; return true }
        return false
    }

    mutating func orExpr() throws(Expression.SyntaxError) -> Expression {
        var e = try andExpr()
        while accept(word: "or") { e = .or(e, try andExpr()) }
        return e
    }

    mutating func andExpr() throws(Expression.SyntaxError) -> Expression {
        var e = try notExpr()
        while accept(word: "and") { e = .and(e, try notExpr()) }
        return e
    }

    mutating func notExpr() throws(Expression.SyntaxError) -> Expression {
        if accept(word: "not") { return .not(try notExpr()) }
        return try comparison()
    }

    mutating func comparison() throws(Expression.SyntaxError) -> Expression {
        let left = try primary()
        if case .op(let o)? = peek()?.kind, let op = Expression.Comparison(rawValue: o) {
            k += 1
            return .compare(left, op, try primary())
        }
        if accept(word: "in") { return .isIn(left, try primary()) }
        if case .word("not")? = peek()?.kind, k + 1 < tokens.count, case .word("in") = tokens[k + 1].kind {
            k += 2
            return .not(.isIn(left, try primary()))
        }
        return left
    }

    mutating func primary() throws(Expression.SyntaxError) -> Expression {
        let t = try next()
        switch t.kind {
        case .number(let n): return .literal(.number(n))
        case .string(let s): return .literal(.string(s))
        case .word("true"): return .literal(.bool(true))
        case .word("false"): return .literal(.bool(false))
        case .word("null"): return .literal(.null)
        case .word("has"):
            guard accept(op: "(") else { throw .init(offset: t.offset + 3, message: "expected '(' after has") }
            let name = try next()
            guard case .word(let n) = name.kind else { throw .init(offset: name.offset, message: "expected a property name in has(…), found \(name.kind.describe)") }
            guard accept(op: ")") else { throw .init(offset: name.offset + n.count, message: "expected ')' after has(\(n)") }
            return .has(n)
        case .word("and"), .word("or"), .word("in"):
            throw .init(offset: t.offset, message: "expected a value, found \(t.kind.describe)")
        case .word(let w): return .property(w)
        case .op("("):
            let e = try orExpr()
            guard accept(op: ")") else { throw .init(offset: peek()?.offset ?? length, message: "expected ')'") }
            return e
        case .op("["):
            var items: [Expression] = []
            if accept(op: "]") { return .list(items) }
            repeat { items.append(try primary()) } while accept(op: ",")
            guard accept(op: "]") else { throw .init(offset: peek()?.offset ?? length, message: "expected ',' or ']' in a list") }
            return .list(items)
        case .op(let o):
            throw .init(offset: t.offset, message: "expected a value, found '\(o)'")
        }
    }
}
