import Geometry

/// Maps projected metres to page points inside the map frame, and back. North is up.
package struct ViewTransform: Sendable, Equatable {
    /// The map frame on the page.
    package let frame: PageRect
    /// The projected point at the frame's centre.
    package let center: MapPoint
    package let pointsPerMeter: Double

    /// Fits `extent` into `frame`, keeping its aspect ratio and adding `paddingFraction` on every side.
    /// - Throws: `RenderError.extent` for an empty extent or frame.
    package static func fit(_ extent: MapRect, into frame: PageRect, paddingFraction: Double = 0.02) throws(RenderError) -> ViewTransform {
        guard extent.width > 0, extent.height > 0 else { throw .extent("the extent has no area after projection") }
        guard frame.width > 10, frame.height > 10 else { throw .layout("the page is too small for a map frame") }
        let scale = min(frame.width / extent.width, frame.height / extent.height) / (1 + 2 * paddingFraction)
        return ViewTransform(frame: frame, center: extent.center, pointsPerMeter: scale)
    }

    package func page(_ p: MapPoint) -> PagePoint {
        PagePoint(x: frame.x + frame.width / 2 + (p.x - center.x) * pointsPerMeter,
                  y: frame.y + frame.height / 2 - (p.y - center.y) * pointsPerMeter)
    }

    package func map(_ p: PagePoint) -> MapPoint {
        MapPoint(x: center.x + (p.x - frame.x - frame.width / 2) / pointsPerMeter,
                 y: center.y - (p.y - frame.y - frame.height / 2) / pointsPerMeter)
    }

    /// The projected rectangle the frame shows, grown by `marginPoints` on every side.
    package func visibleMapRect(marginPoints: Double = 0) -> MapRect {
        let a = map(PagePoint(x: frame.x - marginPoints, y: frame.maxY + marginPoints))
        let b = map(PagePoint(x: frame.maxX + marginPoints, y: frame.y - marginPoints))
        return MapRect(minX: a.x, minY: a.y, maxX: b.x, maxY: b.y)
    }
}
