// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SahelMap",
    products: [
        .library(name: "SahelMap", targets: ["SahelMap"]),
        .executable(name: "sahelmap", targets: ["sahelmap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // C libraries, through pkg-config; Scripts/setup.sh installs the apt providers.
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        // Named CZlibPNG: ZIPFoundation (Formats) brings its own clang module "CZlib", and the two may not meet in Render.
        .systemLibrary(name: "CZlibPNG", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // ISA-L's igzip: the PNG stripes' deflate (levels 0–3, sync flushes), several times faster than zlib.
        .systemLibrary(name: "CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CShapelib", pkgConfig: "shapelib", providers: [.apt(["libshp-dev"])]),
        // Markdown for `sahelmap report`; the one .pc file links both the core and the GFM extensions library.
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // GEOS (C API, thread-safe `_r` functions only): largest inscribed circles for area labels.
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        // SVG figures drawn as vectors (librsvg), PNG and JPEG figures decoded by gdk-pixbuf (which librsvg brings).
        .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        // qpdf's C API: what Cairo 1.16 cannot write into a PDF (the document's /Lang, /Alt on figures).
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),

        // Geometry ← Style ← Layers ← Render ← Report ← Build ← sahelmap
        .target(name: "Geometry", dependencies: ["CPROJ", "CGEOS"]),
        // GeoPackage (SQLite) and Shapefile (shapelib, also zipped) readers; geometry through Geometry's WKB decoder.
        .target(name: "Formats", dependencies: [
            "Geometry", "CSQLite", "CShapelib", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "Style", dependencies: ["Geometry", .product(name: "Yams", package: "Yams")]),
        .target(name: "Layers", dependencies: ["Geometry", "Style", "Formats"]),
        .target(name: "Render", dependencies: ["Geometry", "Style", "Layers", "CCairo", "CPangoCairo", "CZlibPNG", "CISAL", "CRsvg", "CQPDF", "CPixels"]),
        // Cairo's xRGB rows packed into PNG's RGB (and Up-filtered) with a byte shuffle (Sources/CPixels/include/cpixels.h).
        .target(name: "CPixels", path: "Sources/CPixels"),
        // Briefing reports: Markdown with map figures → paginated PDF. cmark-gfm is used by its parser file only.
        .target(name: "Report", dependencies: ["Geometry", "Style", "Layers", "Render", "CCmarkGFM"]),
        // `sahelmap build`: content-hash manifest, worker pool, data gates between builds. Not library API.
        // Reports are build targets too, through Report's public entry point; Yams canonicalises specs for their hashes.
        .target(name: "Build", dependencies: ["Geometry", "Layers", "Render", "Report", "Style", "CCrypto",
                                              .product(name: "Yams", package: "Yams")]),
        // The library's one import for users: re-exports the four modules.
        .target(name: "SahelMap", dependencies: ["Formats", "Geometry", "Style", "Layers", "Render"]),
        // glibc's malloc thresholds, for the command's peak memory (Sources/CMalloc/include/cmalloc.h).
        .target(name: "CMalloc", path: "Sources/CMalloc"),
        .executableTarget(name: "sahelmap", dependencies: [
            "Geometry", "Formats", "Style", "Layers", "Render", "Report", "Build", "CMalloc", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "GeometryTests", dependencies: ["Geometry"], exclude: ["Fixtures"]),
        // CShapelib and CSQLite write the generated fixtures (a projected Shapefile, a Latin-1 DBF, a bare SQLite file).
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "Geometry", "CShapelib", "CSQLite"]),
        .testTarget(name: "StyleTests", dependencies: ["Style"]),
        .testTarget(name: "LayersTests", dependencies: ["Layers", "Style", "Geometry"], exclude: ["Fixtures"]),
        // Formats and CShapelib write the user-regions fixture (Burkina Faso provinces as a projected Latin-1 Shapefile).
        .testTarget(name: "RenderTests", dependencies: ["Render", "Layers", "Style", "Geometry", "CCairo", "CZlibPNG", "CPixels", "Formats", "CShapelib"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Render", "Style"]),
        .testTarget(name: "CLITests", dependencies: ["Render", "Build"], exclude: ["Fixtures"]),
        .testTarget(name: "BuildTests", dependencies: ["Build", "Render"]),
        .testTarget(name: "ExampleTests", dependencies: ["SahelMap"]),
    ]
)

// The libFuzzer binary over every reader that takes outside input (Fuzz/, run by Scripts/fuzz.sh). Only when asked
// for: it must be built with -sanitize=fuzzer, which no other product can link with.
if Context.environment["SAHELMAP_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "sahelmap-fuzz", dependencies: ["Geometry", "Formats", "Style", "Layers", "Report"],
                                             path: "Fuzz/Sources/sahelmap-fuzz", swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.products.append(.executable(name: "sahelmap-fuzz", targets: ["sahelmap-fuzz"]))
}
