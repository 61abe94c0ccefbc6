// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "SahelMap",
    products: [
        .library(name: "SahelMap", targets: ["Render"]),
        .executable(name: "sahelmap", targets: ["sahelmap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C libraries, through pkg-config; Scripts/setup.sh installs the apt providers.
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Geometry ← Layers ← Render ← sahelmap
        .target(name: "Geometry", dependencies: ["CPROJ"]),
        .target(name: "Layers", dependencies: ["Geometry"]),
        .target(name: "Render", dependencies: ["Geometry", "Layers", "CCairo", "CPangoCairo", "CZlib"]),
        .executableTarget(name: "sahelmap", dependencies: [
            "Render", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "GeometryTests", dependencies: ["Geometry"], exclude: ["Fixtures"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Layers", "Geometry", "CCairo"]),
        .testTarget(name: "CLITests", dependencies: ["Render"]),
    ]
)
