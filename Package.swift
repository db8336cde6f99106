// swift-tools-version: 6.0
import PackageDescription

/// Numeric kernels (the CNN engine, the simulated retina, integrated gradients and reduction fits) are
/// compiled with -Ounchecked even in debug builds, so `swift test` stays fast (a debug SIMD/GEMM loop is
/// ~800× slower; docs/toolchain.md). Code that parses untrusted bytes — file formats (ArrayIO), model
/// cards (ModelCards), configuration (Report) — keeps Swift's bounds and overflow checks: the shared
/// low modules are optimised with -O (checked), the rest are plain builds.
let numeric: [SwiftSetting] = [.unsafeFlags(["-Ounchecked"])]
let checkedOptimised: [SwiftSetting] = [.unsafeFlags(["-O"])]

let package = Package(
    name: "retina-report",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "retina-report", targets: ["retina-report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // System libraries (Debian: libcairo2-dev, libpango1.0-dev, libopenblas-dev).
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        // HDF5 (Debian: libhdf5-dev, pkg-config name hdf5-serial) and a C shim for its macro-only ids.
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5-serial", providers: [.apt(["libhdf5-dev"])]),
        .target(name: "CHDF5Shim", dependencies: ["CHDF5"]),
        // The engine's C kernels (lane FFT), each built twice — AVX2/FMA and portable — and chosen at load
        // time by the CPU's features; -O3 in every configuration, like the Swift numeric kernels.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),

        // Shared vocabulary: movies, rates, units, seeded RNG, the ResponseModel seam, tool errors.
        .target(name: "RetinaCore", swiftSettings: checkedOptimised),
        // NPY, safetensors, CSV, JSON file formats.
        .target(name: "ArrayIO", dependencies: ["RetinaCore"], swiftSettings: checkedOptimised),
        // The BN-CNN: layers, exact gradients, Poisson loss, Adam, GEMM, weights mapping.
        .target(name: "RetinaCNN", dependencies: ["RetinaCore", "ArrayIO", "COpenBLAS", "CKernels"], swiftSettings: numeric),
        // The simulated ground-truth retina and the training stimulus ensemble.
        .target(name: "RetinaSimulation", dependencies: ["RetinaCore"], swiftSettings: numeric),
        // The four predictive phenomena: stimuli and metrics (one home for both).
        .target(name: "Phenomena", dependencies: ["RetinaCore"], swiftSettings: checkedOptimised),
        // Recordings: deep-retina HDF5, NWB 2.x and NPY readers into one `Recording` value.
        // No unsafe flags: parsing code keeps its bounds and overflow checks.
        .target(name: "Recordings", dependencies: ["RetinaCore", "ArrayIO", "CHDF5", "CHDF5Shim"]),
        // What a trained model says about itself: the model card (with its validation), the training recipe,
        // the recording data source, per-cell filters. Pure data the figures and the report read without Training.
        .target(name: "ModelCards", dependencies: ["RetinaCore", "RetinaCNN", "RetinaSimulation", "Phenomena"], swiftSettings: checkedOptimised),
        // Training the CNN on the simulated retina.
        .target(name: "Training", dependencies: ["RetinaCore", "ArrayIO", "RetinaCNN", "RetinaSimulation", "Phenomena", "Recordings", "ModelCards"], swiftSettings: checkedOptimised),
        // Integrated gradients, symmetry pooling, channel types, model reduction, the four analyses.
        .target(name: "Mechanisms", dependencies: ["RetinaCore", "ArrayIO", "RetinaCNN", "RetinaSimulation", "Phenomena"], swiftSettings: numeric),
        // The domain-free plot layer: figure model, axes and ticks, colour, layout, builders, validation.
        .target(name: "Plotting", dependencies: ["RetinaCore"]),
        // The figure catalogue: each phenomenon's and the model's figures, from analysis results and cards.
        .target(name: "Figures", dependencies: ["RetinaCore", "Phenomena", "Mechanisms", "ModelCards", "Plotting"]),
        // Cairo + Pango backend: PNG, SVG, PDF (draws plot specs; knows nothing of the domain).
        .target(name: "CairoRenderer", dependencies: ["Plotting", "ArrayIO", "CCairo", "CPangoCairo"]),
        // The domain-free report: document model, Markdown and self-contained HTML renderers, run folder,
        // manifest, progress reporting. Knows nothing of retinas or models.
        .target(name: "ReportKit", dependencies: ["RetinaCore", "ArrayIO", "CCairo"]),
        // The run: each phenomenon's report facet, report assembly from results, and the end-to-end pipeline.
        .target(name: "Report", dependencies: ["RetinaCore", "ArrayIO", "RetinaCNN", "RetinaSimulation", "Phenomena", "ModelCards", "Training", "Mechanisms", "Plotting", "Figures", "CairoRenderer", "ReportKit"]),
        // The executable only parses arguments and calls library APIs.
        .executableTarget(name: "retina-report", dependencies: [
            "RetinaCore", "ArrayIO", "RetinaCNN", "RetinaSimulation", "Phenomena", "ModelCards", "Training", "Mechanisms", "Plotting", "Figures", "CairoRenderer", "ReportKit", "Report", "Recordings",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Fixtures several test targets share (tiny BN-CNNs, short bar protocols, model cards); no XCTest.
        .target(name: "TestSupport", dependencies: ["RetinaCore", "RetinaCNN", "Phenomena", "ModelCards"], path: "Tests/TestSupport"),

        .testTarget(name: "RetinaCoreTests", dependencies: ["RetinaCore"]),
        .testTarget(name: "ArrayIOTests", dependencies: ["ArrayIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RetinaCNNTests", dependencies: ["RetinaCNN", "ArrayIO", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RetinaSimulationTests", dependencies: ["RetinaSimulation"]),
        .testTarget(name: "PhenomenaTests", dependencies: ["Phenomena", "RetinaSimulation"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "ModelCards"]),
        .testTarget(name: "RecordingsTests", dependencies: ["Recordings", "Training", "ModelCards", "RetinaCNN", "ArrayIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MechanismsTests", dependencies: ["Mechanisms", "TestSupport"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"], resources: [.copy("Golden")]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures", "Plotting", "ModelCards", "Training", "TestSupport"]),
        .testTarget(name: "CairoRendererTests", dependencies: ["CairoRenderer", "Plotting", "Figures", "ModelCards", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "ReportKit", "ModelCards", "TestSupport"], exclude: ["Golden"]),
        // Seeded fuzzing of the file readers, parameters and model cards, and the CLI as a subprocess.
        .testTarget(name: "HardeningTests", dependencies: ["RetinaCore", "ArrayIO", "RetinaCNN", "ModelCards", "Training", "ReportKit", "Report", "Recordings"]),
    ]
)
