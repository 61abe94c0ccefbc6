import Foundation
import Geometry

/// Checks the thematic data like a fact-checker (`sahelmap audit`): every feature of bases, massacres,
/// group_presence and political_events has a source and a confidence; dates parse and come in order; a row's
/// first year agrees with its levels; every massacre's town point lies inside the region its row names; no
/// "none" level without a source; no two features share an id; points shared by several features are listed
/// (maps spread them on a ring). The summary says what was checked and what was found.
public struct DataAudit: Sendable {
    /// One finding: a failure (the data says something it cannot support) or a note (worth knowing, not wrong).
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var feature: String
        public var message: String
        public var description: String { "\(file): \(feature): \(message)" }
    }

    public private(set) var failures: [Finding] = []
    public private(set) var notes: [Finding] = []
    /// "bases.geojson: 35 features" and the like, then one line per check with its count.
    public private(set) var summary: [String] = []
    public var passed: Bool { failures.isEmpty }

    static let tables = ["bases", "massacres", "group_presence", "political_events"]
    static let levels: Set<String> = ["none", "sporadic", "regular", "control"]

    /// Audits the four thematic files in `directory`; region polygons come from `regions` (default: the same
    /// directory's regions.geojson).
    /// - Throws: `GeoDataError` when a file cannot be read as GeoJSON.
    public init(directory: String, regions regionsPath: String? = nil) throws {
        let regions = try GeoJSON.read(contentsOf: regionsPath ?? directory + "/regions.geojson").features
        let regionByID = Dictionary(regions.compactMap { f in f.id.map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
        var checked: [String: Int] = [:]
        for table in Self.tables {
            let file = "\(table).geojson"
            let features = try GeoJSON.read(contentsOf: directory + "/" + file).features
            summary.append("\(file): \(features.count) features")
            var ids = Set<String>()
            var atPoint: [String: [String]] = [:]
            for (k, f) in features.enumerated() {
                let id = f.id ?? f.string("id") ?? "feature #\(k + 1)"
                func fail(_ m: String) { failures.append(Finding(file: file, feature: id, message: m)) }
                func note(_ m: String) { notes.append(Finding(file: file, feature: id, message: m)) }
                if !ids.insert(id).inserted { fail("id used twice") }
                // Source and confidence.
                checked["source and confidence", default: 0] += 1
                if (f.string("source") ?? "").trimmingCharacters(in: .whitespaces).isEmpty { fail("no source") }
                if !["high", "medium", "low"].contains(f.string("confidence") ?? "") {
                    fail("confidence is \(f.string("confidence").map { "\"\($0)\"" } ?? "missing"); expected high, medium or low")
                }
                // Dates parse and are in order.
                let pairs: [(String, String)] = switch table {
                case "bases": [("opened", "closed"), ("opened", "status_known_until")]
                case "group_presence": []
                default: [("date", "date_end")]
                }
                for (a, b) in pairs {
                    checked["dates", default: 0] += 1
                    let da = date(f, a, fail), db = date(f, b, fail)
                    if let da, let db, da.firstDay > db.lastDay { fail("\(a) \(da) is after \(b) \(db)") }
                }
                if ["massacres", "political_events"].contains(table), f.properties["date"] == nil || f.properties["date"] == .null { fail("no date") }
                if table == "bases" {
                    if f.properties["opened"] == nil || f.properties["opened"] == .null { note("opening date unknown: maps leave it out until it is known open") }
                    if f.string("closed_status") == "closed_date_unknown", f.string("status_known_until") == nil {
                        fail("closing date unknown and no status_known_until: a map would draw it open forever")
                    }
                }
                if table == "group_presence" { presence(f, fail, &checked) }
                if table == "massacres" { massacre(f, regionByID, fail, note, &checked) }
                if let p = f.geometry?.points.first, case .point? = f.geometry {
                    atPoint[String(format: "%.5f,%.5f", p.longitude, p.latitude), default: []].append(id)
                }
            }
            for (point, shared) in atPoint.sorted(by: { $0.key < $1.key }) where shared.count > 1 {
                checked["shared points", default: 0] += 1
                notes.append(Finding(file: file, feature: shared.joined(separator: ", "),
                                     message: "\(shared.count) features at one point (\(point)); maps spread them on a ring"))
            }
        }
        summary += checked.sorted { $0.key < $1.key }.map { "checked \($0.key): \($0.value)" }
        summary.append(passed ? "audit passed: \(notes.count) note(s), no failure" : "audit failed: \(failures.count) failure(s), \(notes.count) note(s)")
    }

    private func date(_ f: Feature, _ key: String, _ fail: (String) -> Void) -> PartialDate? {
        guard let v = f.properties[key], v != .null else { return nil }
        guard let s = v.stringValue, let d = PartialDate(s) else { fail("\(key) \(v) is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"); return nil }
        return d
    }

    /// Levels are none/sporadic/regular/control or unknown; no presence coded before the first year; no "none"
    /// without a source.
    private func presence(_ f: Feature, _ fail: (String) -> Void, _ checked: inout [String: Int]) {
        let first = f.properties["first_year"]?.numberValue.map { Int($0) }
        let sourced = !(f.string("source") ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        for year in [2015, 2018, 2021] {
            guard let level = f.string("level_\(year)") else { continue }
            checked["levels", default: 0] += 1
            if !Self.levels.contains(level) { fail("level_\(year) \"\(level)\"; expected none, sporadic, regular or control, or empty (unknown)") }
            if let first, first > year, level != "none" {
                fail("first_year \(first) contradicts level_\(year) \"\(level)\" (present before the group's first year there)")
            }
            if level == "none", !sourced { fail("level_\(year) \"none\" without a source (an unsourced none is an unknown: leave it empty)") }
        }
    }

    /// The town point (proxy) must lie inside the row's region; a site point elsewhere is a note.
    private func massacre(_ f: Feature, _ regions: [String: Feature], _ fail: (String) -> Void, _ note: (String) -> Void,
                          _ checked: inout [String: Int]) {
        checked["massacres inside their region", default: 0] += 1
        guard let rid = f.string("region_id"), let region = regions[rid], let shape = region.geometry else {
            fail("region_id \(f.string("region_id") ?? "missing") is not a region of regions.geojson"); return
        }
        let point: GeoPoint?
        if let lon = f.properties["proxy_lon"]?.numberValue, let lat = f.properties["proxy_lat"]?.numberValue {
            point = GeoPoint(longitude: lon, latitude: lat)
        } else { point = f.geometry?.points.first }
        guard let point else { fail("no point"); return }
        let name = region.string("name") ?? rid
        if !Self.contains(shape, point) {
            fail("point \(point.longitude),\(point.latitude) is outside \(rid) \(name), the region its row names")
        }
        if let site = f.properties["site_region_id"]?.stringValue, site != rid {
            note("site point lies in \(site), not in \(rid) \(name) (kept for attribution; drawn at the site)")
        }
    }

    static func contains(_ g: Geometry, _ p: GeoPoint) -> Bool {
        g.polygons.contains { rings in
            LabelPoint.signedDistance(MapPoint(x: p.longitude, y: p.latitude),
                                      rings.map { $0.map { MapPoint(x: $0.longitude, y: $0.latitude) } }) > 0
        }
    }
}
