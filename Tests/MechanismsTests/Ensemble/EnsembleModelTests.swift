import XCTest
import RetinaCNN
import RetinaCore
import TestSupport
@testable import Mechanisms

/// Three small random BN-CNNs of one architecture (12 × 12 screen, 3 channels of 5 × 5, 8 frames,
/// 2 cells), strong enough kernels and output scale that the rates move by several Hz.
enum EnsembleFixture {
    static let architecture = BNCNNArchitecture(cells: 2, historyFrames: 8, height: 12, width: 12, conv1Channels: 3, conv1Kernel: 5,
                                                conv2Channels: 3, conv2Kernel: 3)

    static func member(seed: UInt64, architecture a: BNCNNArchitecture = architecture) throws -> BNCNN {
        try BNCNN(architecture: a, parameters: TinyBNCNN.responsiveParameters(a, seed: seed, outputBeta: 0.5))
    }

    static func members() throws -> [BNCNN] { try [11, 12, 13].map { try member(seed: $0) } }

    /// Gaussian contrast, SD `sd`, seeded.
    static func movie(frames: Int, seed: UInt64, sd: Double = 1) -> Movie {
        var rng = SeededRandom(seed: seed)
        let a = architecture
        return Movie(frames: frames, height: a.height, width: a.width,
                     values: (0..<(frames * a.height * a.width)).map { _ in Float(rng.normal() * sd) })
    }
}

final class EnsembleModelTests: XCTestCase {
    /// IG is linear in the function: the ensemble's layer-1 attributions are each member's own,
    /// divided by K, side by side (member k's channel c at ensemble channel k·C + c).
    /// Tolerance: 2e-6 of the largest |attribution| (Float gradients; the ensemble's are the
    /// members' divided by 3 in Float, relative error ≤ 6e-8 each, accumulated in Double).
    func testIntegratedGradientsOfTheEnsembleAreTheMembersDividedByK() throws {
        let members = try EnsembleFixture.members()
        let ensemble = try EnsembleModel(members: members)
        let movie = EnsembleFixture.movie(frames: 14, seed: 5)
        let settings = IntegratedGradientsSettings(steps: 64, quadrature: .trapezoid, target: .meanOfCells([0, 1]))
        let whole = try IntegratedGradients(model: ensemble, settings: settings).attributeToLayer1(movie)
        let parts = try members.map { try IntegratedGradients(model: $0, settings: settings).attributeToLayer1(movie) }
        let k = members.count, u = members[0].layer1UnitsPerWindow
        XCTAssertEqual(whole.windows, 7)
        XCTAssertEqual(whole.shape, [7, 9, 8, 8])
        let scale = Double(whole.attributions.map(abs).max()!)
        XCTAssertGreaterThan(scale, 1e-3, "the attributions must not vanish")
        var worst = 0.0
        for w in 0..<whole.windows {
            for m in 0..<k {
                for j in 0..<u {
                    let expected = Double(parts[m].attributions[w * u + j]) / Double(k)
                    let found = Double(whole.attributions[w * k * u + m * u + j])
                    worst = max(worst, abs(found - expected))
                }
            }
        }
        XCTAssertLessThan(worst, 2e-6 * scale, "largest difference \(worst) Hz of \(scale) Hz")
        // The target is the mean of the members' targets, at every window and at the gray screen.
        for w in 0..<whole.windows {
            let mean = parts.reduce(0.0) { $0 + Double($1.targetRatesHz[w]) } / Double(k)
            XCTAssertEqual(Double(whole.targetRatesHz[w]), mean, accuracy: 1e-5 * max(1, abs(mean)))
        }
        let baseline = parts.reduce(0.0) { $0 + Double($1.baselineRateHz) } / Double(k)
        XCTAssertEqual(Double(whole.baselineRateHz), baseline, accuracy: 1e-5)
    }

    /// Completeness: Σ IG = f(x) − f(gray) up to the quadrature's gap, and the ensemble's gap is the
    /// mean of the members' gaps.
    func testCompletenessOfTheEnsemble() throws {
        let members = try EnsembleFixture.members()
        let ensemble = try EnsembleModel(members: members)
        let movie = EnsembleFixture.movie(frames: 20, seed: 6)
        let settings = IntegratedGradientsSettings(steps: 256, quadrature: .trapezoid, target: .meanOfCells([0, 1]))
        let whole = try IntegratedGradients(model: ensemble, settings: settings).attributeToLayer1(movie)
        let parts = try members.map { try IntegratedGradients(model: $0, settings: settings).attributeToLayer1(movie) }
        let range = Double(whole.targetRatesHz.max()! - whole.targetRatesHz.min()!)
        XCTAssertGreaterThan(range, 0.3, "the ensemble must respond (0.57 Hz measured)")
        XCTAssertEqual(whole.windows, 20 - 8 + 1)
        for w in 0..<whole.windows {
            let delta = Double(whole.targetRatesHz[w] - whole.baselineRateHz)
            XCTAssertEqual(whole.total(window: w), delta, accuracy: 0.01 * range, "window \(w)")
            let meanGap = parts.reduce(0.0) { $0 + $1.gaps[w] } / Double(members.count)
            XCTAssertEqual(whole.gaps[w], meanGap, accuracy: 1e-5 * max(1, range))
        }
    }

    /// Rates are the members' mean; layer 1 is their layers side by side and is exactly the
    /// correlation with the concatenated kernels.
    func testRatesAreTheMeanAndLayerOneIsTheMembersSideBySide() throws {
        let members = try EnsembleFixture.members()
        let ensemble = try EnsembleModel(members: members)
        XCTAssertEqual(ensemble.layer1Channels, 9)
        XCTAssertEqual(ensemble.conv1KernelSize, 5)
        XCTAssertTrue(ensemble.layer1IsConv1Correlation)
        let movie = EnsembleFixture.movie(frames: 12, seed: 7)
        let rates = try ensemble.rates(for: movie)
        let each = try members.map { try $0.rates(for: movie) }
        XCTAssertEqual(rates.valuesHz.count, (12 - 8 + 1) * 2)
        XCTAssertEqual(each.map(\.valuesHz.count), [Int](repeating: rates.valuesHz.count, count: 3))
        for i in rates.valuesHz.indices {
            let mean = each.reduce(0.0) { $0 + Double($1.valuesHz[i]) } / 3
            XCTAssertEqual(Double(rates.valuesHz[i]), mean, accuracy: 1e-6 * max(1, mean))
        }
        let z = try ensemble.layer1Preactivations(of: movie)
        let direct = try Conv1Correlation.forward(movie: movie, weights: ensemble.conv1Weights, bias: ensemble.conv1Bias,
                                                  geometry: ensemble.conv1Geometry)
        let scale = direct.map(abs).max()!
        XCTAssertEqual(z.count, direct.count)
        for i in z.indices { XCTAssertEqual(z[i], direct[i], accuracy: 1e-4 * scale) }
        XCTAssertEqual(try ensemble.ratesFromLayer1(z, count: rates.rows), rates.valuesHz)
        // Member 1, channel 2 sits at ensemble channel 5: its kernel is member 1's.
        let per = 8 * 25
        XCTAssertEqual(Array(ensemble.conv1Weights[(5 * per)..<(6 * per)]), Array(members[1].conv1Weights[(2 * per)..<(3 * per)]))
        XCTAssertEqual(ensemble.layout.memberChannel(5)?.member, 1)
        XCTAssertEqual(ensemble.layout.memberChannel(5)?.channel, 2)
        XCTAssertEqual(ensemble.layout.label(5), "m1c2")
        XCTAssertNil(ensemble.layout.memberChannel(9))
    }

    /// Silencing by member (each member's fast route) gives the rates of clamping the concatenated
    /// layer 1; units outside the ensemble are refused.
    func testSilencingSplitsByMember() throws {
        let ensemble = try EnsembleModel(members: try EnsembleFixture.members())
        let silencing = Layer1Silencing(channels: [1, 5], regions: [.init(channel: 7, columns: 2...4)])
        XCTAssertEqual(ensemble.layout.memberSilencings(silencing),
                       [Layer1Silencing(channels: [1]), Layer1Silencing(channels: [2]),
                        Layer1Silencing(regions: [.init(channel: 1, columns: 2...4)])])
        let movie = EnsembleFixture.movie(frames: 12, seed: 8)
        let fast = try ensemble.silencedResponseModel(silencing).rates(for: movie)
        let clamped = try SilencedModel(base: ensemble, silencing: silencing).rates(for: movie)
        let intact = try ensemble.rates(for: movie)
        var changed = 0.0
        XCTAssertEqual(fast.valuesHz.count, (12 - 8 + 1) * 2)
        XCTAssertEqual(clamped.valuesHz.count, fast.valuesHz.count)
        for i in fast.valuesHz.indices {
            XCTAssertEqual(fast.valuesHz[i], clamped.valuesHz[i], accuracy: 1e-4 * max(1, abs(clamped.valuesHz[i])))
            changed = max(changed, Double(abs(fast.valuesHz[i] - intact.valuesHz[i])))
        }
        XCTAssertGreaterThan(changed, 1e-3, "silencing must change the rates")
        XCTAssertThrowsError(try ensemble.silencedResponseModel(Layer1Silencing(channels: [9])))
    }

    func testMembersOfDifferentGeometryAreRefused() throws {
        var other = EnsembleFixture.architecture
        other.conv1Channels = 4
        let odd = try EnsembleFixture.member(seed: 1, architecture: other)
        XCTAssertThrowsError(try EnsembleModel(members: [try EnsembleFixture.member(seed: 2), odd])) { error in
            XCTAssertEqual(error as? MechanismsError, .shapeMismatch(parameter: "ensemble member 1 layer-1 channels", expected: "3", found: "4"))
        }
        var cells = EnsembleFixture.architecture
        cells.cells = 3
        XCTAssertThrowsError(try EnsembleModel(members: [try EnsembleFixture.member(seed: 2), try EnsembleFixture.member(seed: 3, architecture: cells)])) {
            XCTAssertEqual($0 as? MechanismsError, .shapeMismatch(parameter: "ensemble member 1 cellCount", expected: "2", found: "3"))
        }
        XCTAssertThrowsError(try EnsembleModel<BNCNN>(members: []))
    }
}
