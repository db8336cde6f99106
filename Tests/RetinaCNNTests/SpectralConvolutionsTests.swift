import TestSupport
import XCTest
@testable import RetinaCNN

/// Conv2 and its adjoint in the frequency domain against the direct Double correlation.
final class SpectralConvolutionsTests: XCTestCase {
    func testConv2ForwardAndAdjoint() {
        let a = TestNets.tiny()
        let plans = ConvolutionPlans(a)
        let n = 3, u1 = a.layer1Units, u2 = a.layer2Units
        let x = (0..<(n * u1)).map { Float(sin(Double($0) * 0.91)) }
        let k = (0..<a.conv2WeightCount).map { Float(cos(Double($0) * 1.3)) * 0.3 }
        let bias: [Float] = [0.25, -0.5]
        let g = (0..<(n * u2)).map { Float(sin(Double($0) * 0.53 + 1)) }
        let w = Workspace()
        let spectra = k.withUnsafeBufferPointer { plans.conv2Spectra($0.baseAddress!, scratch: w.scratch) }
        var y = [Float](repeating: 0, count: n * u2), dx = [Float](repeating: 0, count: n * u1)
        spectra.withUnsafeBufferPointer { s in
            x.withUnsafeBufferPointer { xp in
                plans.conv2Forward(kernelSpectra: s.baseAddress!, bias: bias, input: xp.baseAddress!, count: n, output: &y,
                                   inputSpectra: nil, workspace: w)
            }
            g.withUnsafeBufferPointer { gp in
                plans.conv2Backward(kernelSpectra: s.baseAddress!, gradient: gp.baseAddress!, count: n, output: &dx,
                                    gradientSpectra: nil, workspace: w)
            }
        }
        let kd = k.map(Double.init), bd = bias.map(Double.init)
        for b in 0..<n {
            let xb = x[(b * u1)..<((b + 1) * u1)].map(Double.init)
            func conv(_ v: [Double]) -> [Double] {
                ReferenceBNCNN.correlate(v, channels: a.conv1Channels, height: a.layer1Height, width: a.layer1Width,
                                         kernel: kd, outputs: a.conv2Channels, size: a.conv2Kernel, bias: bd)
            }
            XCTAssertLessThan(TestNets.maxRelativeError(Array(y[(b * u2)..<((b + 1) * u2)]), conv(xb)), 1e-5)
            // Adjoint: d/dx Σ g·conv(x) by central differences (exact for a linear map).
            let gb = g[(b * u2)..<((b + 1) * u2)].map(Double.init)
            let fd = (0..<u1).map { i -> Double in
                var p = xb, m = xb
                p[i] += 0.5; m[i] -= 0.5
                return zip(conv(p), gb).reduce(0) { $0 + $1.0 * $1.1 } - zip(conv(m), gb).reduce(0) { $0 + $1.0 * $1.1 }
            }
            XCTAssertLessThan(TestNets.maxRelativeError(Array(dx[(b * u1)..<((b + 1) * u1)]), fd), 1e-5)
        }
    }
}
