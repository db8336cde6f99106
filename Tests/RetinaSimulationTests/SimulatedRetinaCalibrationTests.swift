import XCTest
import RetinaCore
@testable import RetinaSimulation

final class SimulatedRetinaCalibrationTests: XCTestCase {
    /// Recomputing g_ref from the two reference stimuli gives back the table of docs/ground-truth-retina.md §3.2.
    func testRecalibrationReproducesTheSpecTable() throws {
        let calibrated = try SimulatedRetina.salamander.recalibrated()
        XCTAssertEqual(calibrated.cells.count, 8)
        XCTAssertEqual(SimulatedRetina.salamander.cells.count, 8)
        for (new, old) in zip(calibrated.cells, SimulatedRetina.salamander.cells) {
            XCTAssertEqual(new.referenceDrive, old.referenceDrive, accuracy: 1e-3 * old.referenceDrive)
        }
    }

    /// The bar reference peak is below the flash's for the reference cell (numpy: 0.0471 vs 0.1102).
    func testReferenceBarDrive() throws {
        let cell = GanglionCellParameters.reference.moved(toYPixels: 25, xPixels: 25)
        let v = try SimulatedRetina(cells: [cell]).drivesAllFrames(for: SimulatedRetina.referenceBar(centreXPixels: 25, width: 50))
        XCTAssertEqual(v.max()!, 0.04711, accuracy: 0.0005)
    }

    /// Re-calibration after an ablation rescales g_ref to the ablated circuit's own peak drive
    /// (expected values from the numpy reference of docs/ground-truth-retina.md §13 with the same rule).
    func testAblatedRecalibration() throws {
        let base = TestStimuli.referenceRetina
        let expected: [(RetinaAblation, Double)] = [
            (.noOffToGanglion, 0.02534), (.noAmacrineToGanglion, 0.13343), (.noGainControl, 0.12870),
            (.linearAmacrine, 0.09306), (.noOnSlow, 0.11015),
        ]
        for (ablation, gRef) in expected {
            let r = try base.ablated([ablation])
            XCTAssertEqual(r.cells[0].referenceDrive, gRef, accuracy: 0.002 * gRef, "\(ablation)")
        }
        let raw = try base.ablated([.noGainControl], recalibrate: false)
        XCTAssertEqual(raw.cells[0].referenceDrive, 0.11015)
        XCTAssertEqual(raw.cells[0].gainControlStrength, 0)
    }
}
