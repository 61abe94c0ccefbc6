/// An sRGB colour with alpha, components 0…1.
public struct Color: Sendable, Equatable, CustomStringConvertible {
    public var red: Double, green: Double, blue: Double, alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// Parses `#rgb`, `#rrggbb` or `#rrggbbaa`; nil for anything else.
    public init?(hex: String) {
        var s = Substring(hex)
        guard s.first == "#" else { return nil }
        s = s.dropFirst()
        if s.count == 3 { s = Substring(s.map { "\($0)\($0)" }.joined()) }
        // Hex digits only: `UInt32(_:radix:)` alone would take "+12345" and "-1".
        guard s.count == 6 || s.count == 8, s.allSatisfy(\.isHexDigit), let v = UInt32(s, radix: 16) else { return nil }
        let n = s.count == 6 ? v << 8 | 0xFF : v
        self.init(red: Double(n >> 24 & 0xFF) / 255, green: Double(n >> 16 & 0xFF) / 255,
                  blue: Double(n >> 8 & 0xFF) / 255, alpha: Double(n & 0xFF) / 255)
    }

    /// A colour from a literal known to be valid (`"#c0392b"`).
    public static func hex(_ s: StaticString) -> Color { Color(hex: "\(s)")! }

    /// 8-bit components, as they land in an opaque PNG pixel.
    public var rgb8: (UInt8, UInt8, UInt8) {
        (UInt8((red * 255).rounded()), UInt8((green * 255).rounded()), UInt8((blue * 255).rounded()))
    }

    public var description: String {
        let (r, g, b) = rgb8
        let hex = [r, g, b].map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        return "#" + hex + (alpha < 1 ? String(UInt8((alpha * 255).rounded()), radix: 16) : "")
    }
}

extension Color {
    /// The same colour with its alpha multiplied by `opacity`.
    public func withOpacity(_ opacity: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha * opacity)
    }
}
