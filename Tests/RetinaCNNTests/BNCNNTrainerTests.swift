import XCTest
import RetinaCore
import TestSupport
@testable import RetinaCNN

final class BNCNNTrainerTests: XCTestCase {
    func batch(_ k: Int, count: Int = 8, lastStart: Int, targets: (Int) -> [Float]) -> TrainingBatch {
        var rng = SeededRandom.stream(seed: 77, index: UInt64(k))
        let starts = (0..<count).map { _ in Int(rng.uniform(0, Double(lastStart + 1))) }
        return TrainingBatch(windowStarts: starts, targets: starts.flatMap(targets))
    }

    /// A student network fitted to a teacher of the same architecture (targets: the teacher's
    /// rates) gets much closer to it on held-out windows: the excess Poisson loss drops by more
    /// than half and every cell's correlation with the teacher rises above 0.75 (from below 0.5;
    /// training only the output layer could not change the correlations).
    func testLearnsATeacherNetwork() throws {
        var a = TestNets.tiny()
        a.bnMomentum = 0.1   // running statistics follow the weights within ~10 steps
        let teacher = try TestNets.randomModel(a, seed: 81)
        let movie = TestNets.randomMovie(frames: 400, height: a.height, width: a.width, seed: 82)
        let truth = try teacher.rates(for: movie)
        let trainer = try BNCNNTrainer(model: try BNCNN(architecture: a, seed: 83), movie: movie, l2: 0, seed: 84)
        let heldOut = Array(stride(from: 1, to: 398, by: 7))
        func quality() throws -> (excess: Double, correlations: [Double]) {
            let r = try trainer.evaluate(windowStarts: heldOut)
            var s = 0.0
            for (k, w) in heldOut.enumerated() { for j in 0..<a.cells {
                let y = Double(truth[w, j]), p = Double(r[k * a.cells + j])
                s += (p - y * log(p)) - (y - y * log(y))     // ≥ 0, zero at p = y
            }}
            let correlations = (0..<a.cells).map { j -> Double in
                let p = heldOut.indices.map { Double(r[$0 * a.cells + j]) }, y = heldOut.map { Double(truth[$0, j]) }
                let mp = p.reduce(0, +) / Double(p.count), my = y.reduce(0, +) / Double(y.count)
                let cov = zip(p, y).reduce(0) { $0 + ($1.0 - mp) * ($1.1 - my) }
                return cov / (p.reduce(0) { $0 + ($1 - mp) * ($1 - mp) } * y.reduce(0) { $0 + ($1 - my) * ($1 - my) }).squareRoot()
            }
            return (s / Double(heldOut.count * a.cells), correlations)
        }
        let before = try quality()
        var last = TrainingStepResult(step: 0, poissonLoss: 0, l2Penalty: 0, meanRateHz: 0)
        for k in 0..<600 {
            last = try trainer.step(batch(k, count: 16, lastStart: 397) { w in (0..<a.cells).map { truth[w, $0] } },
                                    learningRate: k < 400 ? 1e-2 : 2e-3)
        }
        let after = try quality()
        XCTAssertEqual(last.step, 600)
        XCTAssertTrue(last.poissonLoss.isFinite)
        XCTAssertLessThan(after.excess, 0.5 * before.excess, "excess Poisson loss \(before.excess) → \(after.excess)")
        XCTAssertLessThan(before.correlations.max()!, 0.5, "\(before.correlations)")
        XCTAssertGreaterThan(after.correlations.min()!, 0.75, "\(after.correlations)")
    }

    func testStepsAreDeterministicAndIndependentOfTheWorkerCount() throws {
        let a = TestNets.tiny(.perChannel)
        let model = try TestNets.randomModel(a, seed: 85)
        let movie = TestNets.randomMovie(frames: 60, height: a.height, width: a.width, seed: 86)
        func train(workers: Int) throws -> (BNCNN, [TrainingStepResult]) {
            let t = try BNCNNTrainer(model: model, movie: movie, l2: 0.01, seed: 87, options: BNCNNTrainerOptions(workers: workers))
            var results: [TrainingStepResult] = []
            for k in 0..<4 {
                results.append(try t.step(batch(k, lastStart: 57) { w in [Float(w % 3), 1, 2] }, learningRate: 1e-2))
            }
            return (t.model, results)
        }
        let (m1, r1) = try train(workers: 2), (m2, r2) = try train(workers: 2), (m3, r3) = try train(workers: 1)
        XCTAssertEqual(m1, m2)
        XCTAssertEqual(r1, r2)
        XCTAssertEqual(r1.count, r3.count)
        XCTAssertFalse(r1.isEmpty)
        for (x, y) in zip(r1, r3) { XCTAssertEqual(x.poissonLoss, y.poissonLoss, accuracy: 1e-6 * abs(x.poissonLoss)) }
        let w1 = m1.parameters.conv1Weight, w3 = m3.parameters.conv1Weight
        XCTAssertLessThan(zip(w1, w3).map { abs($0 - $1) }.max()!, 1e-5)
        XCTAssertNotEqual(m1.parameters, model.parameters)
    }

    func testRunningStatisticsAfterOneStep() throws {
        let a = TestNets.tiny()
        let model = try BNCNN(architecture: a, seed: 88)   // running mean 0, variance 1
        let movie = TestNets.randomMovie(frames: 20, height: a.height, width: a.width, seed: 89)
        let trainer = try BNCNNTrainer(model: model, movie: movie, l2: 0, seed: 90)
        let b = TrainingBatch(windowStarts: [0, 3, 9, 14], targets: [Float](repeating: 1, count: 12))
        try trainer.step(b, learningRate: 1e-3)
        let ref = ReferenceBNCNN(model)
        let z = b.windowStarts.map { ref.conv1(TestNets.window(movie, $0, history: a.historyFrames)) }
        let bn1 = trainer.model.parameters.bn1
        for i in stride(from: 0, to: a.layer1Units, by: 13) {
            let v = z.map { $0[i] }, mean = v.reduce(0, +) / 4
            let unbiased = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 3
            XCTAssertEqual(Double(bn1.runningMean[i]), 0.01 * mean, accuracy: 1e-6)
            XCTAssertEqual(Double(bn1.runningVariance[i]), 0.99 + 0.01 * unbiased, accuracy: 1e-5)
        }
    }

    func testEvaluateMatchesModelRatesWithAndWithoutCache() throws {
        let a = TestNets.tiny()
        let model = try TestNets.randomModel(a, seed: 91)
        let movie = TestNets.randomMovie(frames: 30, height: a.height, width: a.width, seed: 92)
        let rates = try model.rates(for: movie)
        let starts = [27, 0, 5, 6, 13]
        for limit in [Int.max, 0] {
            let t = try BNCNNTrainer(model: model, movie: movie, l2: 0, seed: 1,
                                     options: BNCNNTrainerOptions(spectrumCacheLimitBytes: limit))
            let e = try t.evaluate(windowStarts: starts)
            let expected = starts.flatMap { s in (0..<a.cells).map { Double(rates[s, $0]) } }
            XCTAssertLessThan(TestNets.maxRelativeError(e, expected), 1e-5, "cache limit \(limit)")
        }
    }

    func testInvalidInputsThrow() throws {
        let a = TestNets.tiny()
        let model = try BNCNN(architecture: a, seed: 1)
        let movie = TestNets.randomMovie(frames: 10, height: a.height, width: a.width, seed: 2)
        let t = try BNCNNTrainer(model: model, movie: movie, l2: 0, seed: 1)
        XCTAssertThrowsError(try t.step(TrainingBatch(windowStarts: [0, 8], targets: [Float](repeating: 1, count: 6)), learningRate: 1e-3)) {
            XCTAssertTrue("\($0)".contains("windowStarts"), "\($0)")
        }
        XCTAssertThrowsError(try t.step(TrainingBatch(windowStarts: [0, 1], targets: [1, 2]), learningRate: 1e-3)) {
            XCTAssertTrue("\($0)".contains("targets"), "\($0)")
        }
        XCTAssertThrowsError(try t.step(TrainingBatch(windowStarts: [0], targets: [1, 1, 1]), learningRate: 1e-3))
        XCTAssertThrowsError(try t.step(TrainingBatch(windowStarts: [0, 1], targets: [1, 1, .nan, 1, 1, 1]), learningRate: 1e-3))
        XCTAssertThrowsError(try BNCNNTrainer(model: model, movie: Movie(frames: 2, height: 12, width: 10), l2: 0, seed: 1))
        XCTAssertThrowsError(try BNCNNTrainer(model: model, movie: Movie(frames: 20, height: 10, width: 10), l2: 0, seed: 1))
        XCTAssertThrowsError(try BNCNNTrainer(model: model, movie: movie, l2: -1, seed: 1))
        XCTAssertEqual(t.stepCount, 0)
    }
}
