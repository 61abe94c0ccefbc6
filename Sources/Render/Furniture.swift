import Foundation
import Geometry
import Style

/// A scale bar that tells the truth at the map's centre: its length is a round number of kilometres whose
/// geodesic distance (PROJ, WGS 84 ellipsoid) matches the bar's length on the page there.
struct ScaleBar {
    var kilometres: Double
    var lengthPoints: Double
    /// The geodesic distance between the bar's ends when laid east from the map's centre.
    var geodesicMeters: Double

    /// Whether the middle number is drawn (false when it would touch its neighbours on the longest bar that fits).
    var middleLabel = true

    /// The longest bar of a 1-2-5 number of kilometres, at most `target` points long, whose numbers ("0", the
    /// middle one, "200 km") keep at least `gap` points apart in `style`; when no bar down to a fifth of the
    /// target has room for the middle number, the longest whose end numbers keep apart, with the middle one left
    /// out. Nil when PROJ cannot measure the map's centre.
    static func choose(view: ViewTransform, transform: Transform, target: Double, style: TextStyle, text: TextEngine,
                       gap: Double = 3) -> ScaleBar? {
        let c = PagePoint(x: view.frame.x + view.frame.width / 2, y: view.frame.y + view.frame.height / 2)
        func meters(_ length: Double) -> Double? {
            guard let a = transform.unproject(view.map(c)),
                  let b = transform.unproject(view.map(PagePoint(x: c.x + length, y: c.y))) else { return nil }
            let d = transform.geodesicDistanceMeters(a, b)
            return d.isFinite && d > 0 ? d : nil
        }
        guard let probe = meters(target) else { return nil }
        let perPoint = probe / target
        let wanted = target * perPoint / 1000
        var step = 1.0
        while step * 10 <= wanted { step *= 10 }
        while step > wanted && step > 0.001 { step /= 10 }
        // 1-2-5 numbers at or below the target, longest first.
        var candidates: [Double] = []
        var s = step * 10
        while candidates.count < 12 && s > 0.0005 {
            for m in [5.0, 2, 1] where m * s <= wanted + 1e-9 { candidates.append(m * s) }
            s /= 10
        }
        func bar(_ km: Double) -> ScaleBar? {
            var length = km * 1000 / perPoint
            for _ in 0..<3 {
                guard let m = meters(length) else { return nil }
                length *= km * 1000 / m
            }
            guard let m = meters(length) else { return nil }
            return ScaleBar(kilometres: km, lengthPoints: length, geodesicMeters: m)
        }
        func fits(_ km: Double, length: Double, middle: Bool) -> Bool {
            let boxes = labelBoxes(km: km, length: length, middle: middle, origin: PagePoint(x: 0, y: 0), style: style, text: text)
            return zip(boxes, boxes.dropFirst()).allSatisfy { $0.maxX + gap <= $1.x }
        }
        let usable = candidates.filter { $0 * 1000 / perPoint >= target / 5 }
        for middle in [true, false] {
            for km in usable {
                guard var b = bar(km) else { return nil }
                if fits(km, length: b.lengthPoints, middle: middle) {
                    b.middleLabel = middle
                    return b
                }
            }
        }
        return nil
    }

    /// The boxes of the bar's numbers with its lower-left corner at `origin`: "0", the middle value (if drawn),
    /// and the last value with " km".
    static func labelBoxes(km: Double, length: Double, middle: Bool, origin: PagePoint, style: TextStyle, text: TextEngine) -> [PageRect] {
        let y = origin.y - 3
        var out: [PageRect] = []
        let zero = text.measure("0", style)
        out.append(PageRect(x: origin.x - zero.width / 2, y: y - zero.height - 1, width: zero.width, height: zero.height))
        if middle {
            let m = text.measure(format(km / 2), style)
            out.append(PageRect(x: origin.x + length / 2 - m.width / 2, y: y - m.height - 1, width: m.width, height: m.height))
        }
        let last = text.measure(format(km), style), unit = text.measure("km", style)
        out.append(PageRect(x: origin.x + length - last.width / 2, y: y - last.height - 1, width: last.width + style.sizePoints * 0.25 + unit.width,
                            height: last.height))
        return out
    }

    /// A two-segment bar with its labels; `origin` is the bar's lower-left corner.
    func ops(at origin: PagePoint, theme: Theme, text: TextEngine, style: TextStyle)
        -> (ops: [SceneOp], box: PageRect, labels: [PageRect], texts: [(String, PageRect)]) {
        let h = 3.0
        let half = lengthPoints / 2
        var ops: [SceneOp] = []
        let y = origin.y - h
        ops.append(.fill(rings: [rect(origin.x, y, half, h)], color: theme.text, outline: nil))
        ops.append(.fill(rings: [rect(origin.x + half, y, half, h)], color: theme.paper, outline: LineStyle(color: theme.text, widthPoints: 0.5)))
        ops.append(.fill(rings: [rect(origin.x, y, lengthPoints, h)], color: nil, outline: LineStyle(color: theme.text, widthPoints: 0.5)))
        let boxes = Self.labelBoxes(km: kilometres, length: lengthPoints, middle: middleLabel, origin: origin, style: style, text: text)
        var strings = ["0"] + (middleLabel ? [Self.format(kilometres / 2)] : []) + [Self.format(kilometres)]
        var texts: [(String, PageRect)] = []
        for (k, (s, b)) in zip(strings, boxes).enumerated() {
            ops.append(.text(s, origin: PagePoint(x: b.x, y: b.y), style))
            if k == boxes.count - 1 {
                // The unit follows the last number, which stays centred on its tick.
                let w = text.measure(s, style).width
                ops.append(.text("km", origin: PagePoint(x: b.x + w + style.sizePoints * 0.25, y: b.y), style))
                strings[k] = s + " km"
            }
            texts.append((strings[k], b))
        }
        let minX = min(origin.x, boxes.map(\.x).min()!), maxX = max(origin.x + lengthPoints, boxes.map(\.maxX).max()!)
        let top = min(y, boxes.map(\.y).min()!)
        return (ops, PageRect(x: minX - 2, y: top - 2, width: maxX - minX + 4, height: origin.y - top + 4), boxes, texts)
    }

    static func format(_ km: Double) -> String { JSONValue.format(km) }

    private func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [PagePoint] {
        [PagePoint(x: x, y: y), PagePoint(x: x + w, y: y), PagePoint(x: x + w, y: y + h), PagePoint(x: x, y: y + h), PagePoint(x: x, y: y)]
    }
}

/// A locator inset: Africa, with the main map's frame outlined.
enum Inset {
    static func ops(africa: FeatureCollection, view: ViewTransform, transform: Transform, box: PageRect, theme: Theme) -> [SceneOp]? {
        var polys: [[[MapPoint]]] = [], continent: [MapPoint] = []
        for f in africa.features {
            for polygon in f.geometry?.polygons ?? [] {
                let rings = polygon.map { ring in transform.project(ring).compactMap { $0 } }.filter { $0.count >= 4 }
                polys.append(rings)
                if f.string("continent") == "Africa" { continent += rings.first ?? [] }
            }
        }
        // Fitted to Africa; the neighbouring coasts drawn around it are cut by the inset's frame.
        guard let extent = MapRect(around: continent),
              let inner = try? ViewTransform.fit(extent, into: box.insetBy(3), paddingFraction: 0.01) else { return nil }
        var ops: [SceneOp] = [.fillRect(box, theme.sea), .clip(box)]
        let land = theme.paper == Color(hex: "#ffffff") ? Color(hex: "#e3ded3")! : theme.mutedText.withOpacity(0.35)
        for p in polys where !p.isEmpty {
            ops.append(.fill(rings: p.map { $0.map(inner.page) }, color: land, outline: LineStyle(color: theme.paper, widthPoints: 0.2)))
        }
        // The main map's frame, as it lies in the inset.
        let f = view.frame
        let corners = [PagePoint(x: f.x, y: f.y), PagePoint(x: f.maxX, y: f.y), PagePoint(x: f.maxX, y: f.maxY), PagePoint(x: f.x, y: f.maxY)]
        var outline = corners.map { inner.page(view.map($0)) }
        outline.append(outline[0])
        ops.append(.fill(rings: [outline], color: Color(hex: "#c0392b")!.withOpacity(0.15), outline: LineStyle(color: .hex("#c0392b"), widthPoints: 0.9)))
        ops.append(.resetClip)
        ops.append(.strokeRect(box, LineStyle(color: theme.frame.color, widthPoints: 0.4)))
        return ops
    }
}

/// Lines of longitude and latitude at round degrees, with degree labels along the frame's top and left edges.
enum Graticule {
    static func ops(view: ViewTransform, transform: Transform, theme: Theme, text: TextEngine, sizePoints: Double)
        -> (lines: [SceneOp], labels: [SceneOp], boxes: [PageRect]) {
        let f = view.frame
        let corners = [PagePoint(x: f.x, y: f.y), PagePoint(x: f.maxX, y: f.y), PagePoint(x: f.maxX, y: f.maxY), PagePoint(x: f.x, y: f.maxY),
                       PagePoint(x: f.x + f.width / 2, y: f.y), PagePoint(x: f.x + f.width / 2, y: f.maxY)]
        let geo = corners.compactMap { transform.unproject(view.map($0)) }
        guard let box = BoundingBox(around: geo) else { return ([], [], []) }
        let span = max(box.east - box.west, box.north - box.south)
        let step = [1.0, 2, 5, 10, 15, 30].first { span / $0 <= 8 } ?? 30
        let line = LineStyle(color: theme.mutedText.withOpacity(0.45), widthPoints: 0.3)
        let style = TextStyle(family: theme.fontFamily, sizePoints: sizePoints, color: theme.mutedText, halo: theme.paper, haloWidthPoints: 1)
        var lines: [SceneOp] = [], labels: [SceneOp] = [], boxes: [PageRect] = []
        func draw(_ pts: [GeoPoint]) -> [PagePoint] { transform.project(pts).compactMap { $0.map(view.page) } }
        var lon = (box.west / step).rounded(.up) * step
        while lon <= box.east {
            let pts = draw(stride(from: box.south - step, through: box.north + step, by: step / 8).map { GeoPoint(longitude: lon, latitude: $0) })
            lines.append(.stroke(lines: [pts], line))
            // Label where the meridian meets the top edge.
            if let hit = crossing(pts, y: f.y + 0.01), hit.x > f.x + 14, hit.x < f.maxX - 14 {
                let s = degrees(lon, positive: "E", negative: "W")
                let m = text.measure(s, style)
                let o = PagePoint(x: hit.x - m.width / 2, y: f.y + 2)
                labels.append(.text(s, origin: o, style))
                boxes.append(PageRect(x: o.x - 1, y: o.y - 1, width: m.width + 2, height: m.height + 2))
            }
            lon += step
        }
        var lat = (box.south / step).rounded(.up) * step
        while lat <= box.north {
            let pts = draw(stride(from: box.west - step, through: box.east + step, by: step / 8).map { GeoPoint(longitude: $0, latitude: lat) })
            lines.append(.stroke(lines: [pts], line))
            if let hit = crossing(pts.map { PagePoint(x: $0.y, y: $0.x) }, y: f.x + 0.01).map({ PagePoint(x: $0.y, y: $0.x) }),
               hit.y > f.y + 14, hit.y < f.maxY - 14 {
                let s = degrees(lat, positive: "N", negative: "S")
                let m = text.measure(s, style)
                let o = PagePoint(x: f.x + 2, y: hit.y - m.height / 2)
                labels.append(.text(s, origin: o, style))
                boxes.append(PageRect(x: o.x - 1, y: o.y - 1, width: m.width + 2, height: m.height + 2))
            }
            lat += step
        }
        return (lines, labels, boxes)
    }

    /// Where a polyline crosses the horizontal line y.
    static func crossing(_ pts: [PagePoint], y: Double) -> PagePoint? {
        for k in 0..<max(0, pts.count - 1) {
            let a = pts[k], b = pts[k + 1]
            if (a.y - y) * (b.y - y) <= 0, a.y != b.y {
                let t = (y - a.y) / (b.y - a.y)
                return PagePoint(x: a.x + (b.x - a.x) * t, y: y)
            }
        }
        return nil
    }

    static func degrees(_ v: Double, positive: String, negative: String) -> String {
        v == 0 ? "0°" : "\(JSONValue.format(abs(v)))° \(v > 0 ? positive : negative)"
    }
}

/// A simple north arrow: a narrow triangle and an "N".
enum NorthArrow {
    static func ops(at p: PagePoint, theme: Theme, text: TextEngine, sizePoints: Double) -> (ops: [SceneOp], box: PageRect) {
        let h = 14.0, w = 5.0
        let tri = [PagePoint(x: p.x, y: p.y - h), PagePoint(x: p.x + w, y: p.y), PagePoint(x: p.x, y: p.y - h * 0.3),
                   PagePoint(x: p.x - w, y: p.y), PagePoint(x: p.x, y: p.y - h)]
        let style = TextStyle(family: theme.fontFamily, sizePoints: sizePoints, bold: true, color: theme.text)
        let m = text.measure("N", style)
        return ([.fill(rings: [tri], color: theme.text, outline: nil),
                 .text("N", origin: PagePoint(x: p.x - m.width / 2, y: p.y - h - m.height), style)],
                PageRect(x: p.x - max(w, m.width / 2) - 1, y: p.y - h - m.height - 1, width: 2 * max(w, m.width / 2) + 2, height: h + m.height + 2))
    }
}
