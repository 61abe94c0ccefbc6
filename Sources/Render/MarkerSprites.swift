import Foundation
import Dispatch
internal import CCairo
import Style

/// Markers rasterised once, for stamping in raster output (issue 13, "draw less").
///
/// A dense event map draws the same few marks (shape, radius, fill, outline and its dash) many thousand times;
/// Cairo pays for each as a fresh antialiased path (an arc, its fill, its stroked and dashed outline). Here each
/// distinct mark is drawn once with the very same Cairo calls (`Painter.markerPath`, `Painter.fillAndStroke`) into a
/// small ARGB32 image at device resolution, and the band painter composites that image at each position.
///
/// Sub-pixel position: a sprite is drawn for each half-pixel phase of its centre that the scene uses, so a stamp
/// lands within 1/4 device pixel of where the path would have been (0.02 mm at 300 dpi, 0.09 mm at 72 dpi). Quarter
/// pixels (1/8 px) needed four times the sprites: 10,000 events made 1,465 of them, 9.4 MB and a sixth of the
/// drawing time, for an offset no reader sees; half pixels make 398, 2.6 MB. OVER is
/// associative, so (outline over fill) over the page equals outline over (fill over the page), up to 8-bit rounding.
///
/// Built before the bands run, read-only after: the pixels live in one allocation this object owns; each band wraps
/// them in image surfaces of its own (`SpriteStamper`), so no Cairo or pixman object is shared between threads.
final class MarkerSprites: @unchecked Sendable {   // immutable after init; its memory is only read after init
    /// Phases per device pixel and axis.
    static let phases = 2
    /// A mark used fewer times (at one phase) is drawn as a path: a sprite pays only when reused.
    static let minimumUses = 2
    /// Bounds on the cache: the most used marks first, the rest are drawn as paths.
    static let maxSprites = 4096
    static let maxBytes = 24 << 20
    /// A mark wider than this (device pixels) is drawn as a path: it is one of few, and its cost is its area either way.
    static let maxSide: Int32 = 512

    struct Key: Hashable {
        var shape: MarkerStyle.Shape
        var radius: Double
        /// Red, green, blue, alpha; alpha -1 for none.
        var fill: SIMD4<Double>
        var stroke: SIMD4<Double>
        var strokeWidth: Double
        var dash: [Double]
        var phase: Int

        init(_ m: Mark, phase: Int) {
            shape = m.shape; radius = m.radiusPoints
            fill = m.fill.map { SIMD4($0.red, $0.green, $0.blue, $0.alpha) } ?? SIMD4(0, 0, 0, -1)
            stroke = m.stroke.map { SIMD4($0.color.red, $0.color.green, $0.color.blue, $0.color.alpha) } ?? SIMD4(0, 0, 0, -1)
            strokeWidth = m.stroke?.widthPoints ?? 0; dash = m.stroke?.dashPoints ?? []; self.phase = phase
        }
    }

    struct Sprite {
        /// Byte offset into the memory, width, height and stride of the ARGB32 image.
        var offset: Int, width: Int32, height: Int32, stride: Int32
        /// The pixel of the image that holds the mark's centre (at the sprite's phase within it).
        var centre: Int
    }

    /// Device pixels per point; the painter stamps only where its transformation is exactly this scale.
    let scale: Double
    let sprites: [Sprite]
    private let index: [Key: Int]
    private let memory: UnsafeMutableRawPointer?

    /// Where a mark centred at device position (x, y) lands: its key's phase and the whole pixel of its centre.
    @inline(__always)
    static func place(x: Double, y: Double) -> (phase: Int, px: Int, py: Int)? {
        let qx = (x * Double(phases)).rounded(), qy = (y * Double(phases)).rounded()
        guard abs(qx) < 1e9, abs(qy) < 1e9 else { return nil }   // far off the page (or NaN): not stamped
        let ix = Int(qx), iy = Int(qy)
        let fx = ((ix % phases) + phases) % phases, fy = ((iy % phases) + phases) % phases
        return (fx + phases * fy, (ix - fx) / phases, (iy - fy) / phases)
    }

    /// How far a shape of radius 1 reaches from its centre (`Painter.markerPath`).
    static func farthest(_ shape: MarkerStyle.Shape) -> Double {
        switch shape {
        case .circle, .square, .cross: 1
        case .triangle: 1.2
        case .diamond: 1.25
        }
    }

    /// Crosses are drawn as paths: two overlapping rectangles whose look follows the context's fill rule.
    @inline(__always)
    static func stampable(_ m: Mark) -> Bool { m.shape != .cross }

    /// The sprite for a mark at a phase, if the cache holds it.
    @inline(__always)
    func sprite(for key: Key) -> Int? { index[key] }

    func pixels(of s: Sprite) -> UnsafeMutablePointer<UInt8>? {
        memory.map { ($0 + s.offset).assumingMemoryBound(to: UInt8.self) }
    }

    /// Collects the marks of `scene` as drawn at `scale` (device pixels per point; the band painter's transformation:
    /// a scale, then the translations of groups) and rasterises those used at least `minimumUses` times.
    init(scene: Scene, scale: Double) {
        self.scale = scale
        var uses: [Key: (count: Int, mark: Mark)] = [:]
        func collect(_ ops: [SceneOp], x0: Double, y0: Double) {
            for op in ops {
                switch op {
                case .marker(let p, let m):
                    guard Self.stampable(m), let at = Self.place(x: p.x * scale + x0, y: p.y * scale + y0) else { continue }
                    uses[Key(m, phase: at.phase), default: (0, m)].count += 1
                case .group(let inner, let offset):
                    collect(inner, x0: offset.x * scale + x0, y0: offset.y * scale + y0)   // as cairo_translate composes
                default:
                    continue
                }
            }
        }
        collect(scene.ops, x0: 0, y0: 0)
        // The most used first; ties in a fixed order (the dictionary's is random per process) so output never varies.
        let ranked = uses.filter { $0.value.count >= Self.minimumUses }.sorted { a, b in
            a.value.count != b.value.count ? a.value.count > b.value.count : Self.order(a.key, b.key)
        }
        var sprites: [Sprite] = [], index: [Key: Int] = [:], chosen: [(Key, Mark)] = []
        var bytes = 0
        for (key, use) in ranked where sprites.count < Self.maxSprites {
            // The shape's farthest point from its centre, plus half the outline (round joins), in device pixels, plus
            // a pixel for flattening and antialiasing; the phase moves the centre up to 3/4 px right or down.
            let reach = (key.radius * Self.farthest(key.shape) + key.strokeWidth / 2) * scale
            guard reach.isFinite, reach >= 0, 2 * reach.rounded(.up) + 3 <= Double(Self.maxSide) else { continue }
            let centre = Int(reach.rounded(.up)) + 1
            let side = Int32(2 * centre + 1)
            let stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, side)
            let size = Int(stride) * Int(side)
            guard stride > 0, bytes + size <= Self.maxBytes else { continue }
            index[key] = sprites.count
            sprites.append(Sprite(offset: bytes, width: side, height: side, stride: stride, centre: centre))
            chosen.append((key, use.mark))
            bytes += size
        }
        self.sprites = sprites
        self.index = index
        guard bytes > 0 else { memory = nil; return }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)   // transparent
        self.memory = memory
        // Each sprite is its own stretch of the memory: drawn in parallel, read only once all are done.
        nonisolated(unsafe) let base = memory
        let made = sprites, marks = chosen
        let jobs = min(chosen.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            for k in stride(from: job, to: marks.count, by: jobs) {
                Self.rasterise(marks[k].1, phase: marks[k].0.phase, made[k], into: base + made[k].offset, scale: scale)
            }
        }
    }

    deinit { memory?.deallocate() }

    /// Draws one mark into its sprite with the painter's own calls, at the sprite's phase.
    private static func rasterise(_ mark: Mark, phase: Int, _ s: Sprite, into pixels: UnsafeMutableRawPointer, scale: Double) {
        let surface = cairo_image_surface_create_for_data(pixels.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32,
                                                          s.width, s.height, s.stride)
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else { return }
        defer { cairo_destroy(cr) }
        let fx = phase % phases, fy = phase / phases
        cairo_translate(cr, Double(s.centre) + Double(fx) / Double(phases), Double(s.centre) + Double(fy) / Double(phases))
        cairo_scale(cr, scale, scale)
        Painter.prepare(cr, raster: true)
        Painter.markerPath(cr, PagePoint(x: 0, y: 0), mark)
        Painter.fillAndStroke(cr, mark)
        cairo_surface_flush(surface)
    }

    /// A total order on keys, for ranking ties.
    private static func order(_ a: Key, _ b: Key) -> Bool {
        func list(_ k: Key) -> [Double] {
            [Double(MarkerStyle.Shape.allCases.firstIndex(of: k.shape) ?? 0), k.radius, Double(k.phase), k.strokeWidth,
             k.fill[0], k.fill[1], k.fill[2], k.fill[3], k.stroke[0], k.stroke[1], k.stroke[2], k.stroke[3],
             Double(k.dash.count)] + k.dash
        }
        return list(a).lexicographicallyPrecedes(list(b))
    }
}

/// One band's stamps: image surfaces over the shared sprite pixels, made on first use and owned by this band's thread.
final class SpriteStamper {
    let sheet: MarkerSprites
    private var surfaces: [OpaquePointer?]   // cairo_surface_t*, by sprite index

    init(_ sheet: MarkerSprites) {
        self.sheet = sheet
        surfaces = Array(repeating: nil, count: sheet.sprites.count)
    }

    deinit { for s in surfaces { if let s { cairo_surface_destroy(s) } } }

    /// Composites the sprite of `m` at user point `p` (through the current clip) and returns true; false when the
    /// mark is to be drawn as a path (not cached, or a transformation other than the sheet's scale).
    func stamp(_ cr: OpaquePointer, _ p: PagePoint, _ m: Mark) -> Bool {
        guard MarkerSprites.stampable(m) else { return false }
        var t = cairo_matrix_t()
        cairo_get_matrix(cr, &t)
        guard t.xx == sheet.scale, t.yy == sheet.scale, t.xy == 0, t.yx == 0,
              let at = MarkerSprites.place(x: p.x * t.xx + t.x0, y: p.y * t.yy + t.y0),
              let i = sheet.sprite(for: MarkerSprites.Key(m, phase: at.phase)) else { return false }
        let s = sheet.sprites[i]
        let surface: OpaquePointer
        if let made = surfaces[i] {
            surface = made
        } else {
            guard let pixels = sheet.pixels(of: s) else { return false }
            let made = cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, s.width, s.height, s.stride)!
            guard cairo_surface_status(made) == CAIRO_STATUS_SUCCESS else { cairo_surface_destroy(made); return false }
            surfaces[i] = made
            surface = made
        }
        cairo_identity_matrix(cr)
        cairo_set_source_surface(cr, surface, Double(at.px - s.centre), Double(at.py - s.centre))
        cairo_paint(cr)
        cairo_set_matrix(cr, &t)
        return true
    }

    /// Lets go of the last sprite as the context's source (its pixels belong to the sheet, which may go first).
    func finish(_ cr: OpaquePointer) {
        cairo_set_source_rgb(cr, 0, 0, 0)
    }
}
