@testable import Plotting
import XCTest

final class ColorMapTests: XCTestCase {
    func testDivergingMapHasAnExactCentre() {
        let map = ColorMap.diverging
        XCTAssertEqual(map.entries.count, 257)
        XCTAssertEqual(map.entries[128], RGBColor(hex: 0xF7F7F7))
        XCTAssertEqual(map.color(at: 0.5), RGBColor(hex: 0xF7F7F7))
        XCTAssertEqual(map.entries.first, RGBColor(hex: 0x053061))
        XCTAssertEqual(map.entries.last, RGBColor(hex: 0x67001F))
    }

    func testZeroMapsToTheCentreColourForAnySymmetricLimit() {
        for limit in [1e-12, 0.37, 1, 5, 123.456, 9.9e7] {
            XCTAssertEqual(ColorScale.symmetric(limit: limit).normalized(0), 0.5, "limit \(limit)")
            XCTAssertEqual(ColorScale.symmetric(limit: limit).color(for: 0), RGBColor(hex: 0xF7F7F7), "limit \(limit)")
        }
        let heatmap = Heatmap(rows: 1, columns: 3, values: [-2, 0, 2], xLower: 0, xUpper: 3, yLower: 0, yUpper: 1,
                              firstRowAtTop: true, scale: .symmetric(limit: 2))
        XCTAssertEqual(heatmap.color(row: 0, column: 1), RGBColor(hex: 0xF7F7F7))
        XCTAssertEqual(heatmap.color(row: 0, column: 0), RGBColor(hex: 0x053061))
        XCTAssertEqual(heatmap.color(row: 0, column: 2), RGBColor(hex: 0x67001F))
    }

    func testDivergingMatchesMatplotlibRdBuReversed() {
        // matplotlib 3.11 RdBu_r (256 entries) at t = 0.25 and 0.75, ×255 rounded: (107,172,209), (228,128,102).
        // Our 257-entry table samples the same piecewise-linear map on a grid offset by < 1/255 in t,
        // which moves a channel by up to ~3.5 levels on the steepest segments; allow 4.
        let quarter = ColorMap.diverging.color(at: 0.25), threeQuarters = ColorMap.diverging.color(at: 0.75)
        for (c, e) in [(quarter, (107, 172, 209)), (threeQuarters, (228, 128, 102))] {
            XCTAssertEqual(Int(c.red), e.0, accuracy: 4)
            XCTAssertEqual(Int(c.green), e.1, accuracy: 4)
            XCTAssertEqual(Int(c.blue), e.2, accuracy: 4)
        }
    }

    func testDivergingArmsAreSymmetricInLightness() {
        // Relative luminance at ±t from the centre differs by < 0.06 (ColorBrewer's arms are balanced).
        func luminance(_ c: RGBColor) -> Double {
            let f = c.fractions
            func lin(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
            return 0.2126 * lin(f.red) + 0.7152 * lin(f.green) + 0.0722 * lin(f.blue)
        }
        for k in stride(from: 0, through: 128, by: 16) {
            let low = luminance(ColorMap.diverging.entries[128 - k]), high = luminance(ColorMap.diverging.entries[128 + k])
            XCTAssertEqual(low, high, accuracy: 0.06, "offset \(k)")
        }
    }

    func testSequentialTablesHave256EntriesAndKnownEnds() {
        XCTAssertEqual(ColorMap.viridis.entries.count, 256)
        XCTAssertEqual(ColorMap.cividis.entries.count, 256)
        XCTAssertEqual(ColorMap.viridis.entries.first, RGBColor(hex: 0x440154))
        XCTAssertEqual(ColorMap.viridis.entries.last, RGBColor(hex: 0xFDE725))
        XCTAssertEqual(ColorMap.cividis.entries.first, RGBColor(hex: 0x00224E))
        XCTAssertEqual(ColorMap.cividis.entries.last, RGBColor(hex: 0xFEE838))
    }

    func testPalettesAreFixedNamedConstants() throws {
        XCTAssertEqual(PathwayPalette.on, RGBColor(hex: 0xD55E00))
        XCTAssertEqual(PathwayPalette.off, RGBColor(hex: 0x0072B2))
        XCTAssertEqual(PathwayPalette.color(polarity: .on, speed: .slow), PathwayPalette.onSlow)
        XCTAssertEqual(PathwayPalette.color(polarity: .off, speed: .slow), PathwayPalette.offSlow)
        XCTAssertEqual(OkabeIto.cycle.count, 8)
        XCTAssertEqual(Set(OkabeIto.cycle).count, 8)
        struct Palettes: Codable {
            var okabeIto: [RGBColor]
            var pathway: [String: RGBColor]
            var divergingAtQuarters: [RGBColor]
        }
        try GoldenFile.check(Palettes(
            okabeIto: OkabeIto.cycle,
            pathway: ["on": PathwayPalette.on, "off": PathwayPalette.off, "onSlow": PathwayPalette.onSlow,
                      "offSlow": PathwayPalette.offSlow, "stimulus": PathwayPalette.stimulus, "ganglion": PathwayPalette.ganglion],
            divergingAtQuarters: [0, 0.25, 0.5, 0.75, 1].map(ColorMap.diverging.color(at:))), named: "palettes")
    }

    func testColourHexRoundTrip() throws {
        XCTAssertEqual(RGBColor(hexString: "#2378ff")?.hexString, "#2378FF")
        XCTAssertNil(RGBColor(hexString: "#12345"))
        let data = try JSONEncoder().encode(RGBColor(hex: 0x0A0B0C))
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "\"#0A0B0C\"")
        XCTAssertEqual(try JSONDecoder().decode(RGBColor.self, from: data), RGBColor(hex: 0x0A0B0C))
    }
}
