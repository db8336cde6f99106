import XCTest
import RetinaCore
@testable import Training

final class SeedListTests: XCTestCase {
    func testParsesRangesAndListsAndWritesThemBackCompactly() throws {
        XCTAssertEqual(try SeedList(parsing: "1-5").seeds, [1, 2, 3, 4, 5])
        XCTAssertEqual(try SeedList(parsing: "7,1,3").seeds, [1, 3, 7])
        XCTAssertEqual(try SeedList(parsing: " 2 , 4-5,9").seeds, [2, 4, 5, 9])
        XCTAssertEqual(try SeedList(parsing: "0").seeds, [0])
        XCTAssertEqual(try SeedList(parsing: "1-5").description, "1-5")
        XCTAssertEqual(try SeedList(parsing: "1,3,7").description, "1,3,7")
        XCTAssertEqual(try SeedList(parsing: "8,1-3,4,10").description, "1-4,8,10")
        XCTAssertEqual(try SeedList(parsing: "18446744073709551615").seeds, [.max])
    }

    func testRefusesBadListsNamingTheOption() {
        for bad in ["", "a", "1,,2", "5-1", "-3", "1-2-3", "1,1", "2,1-3", "+4", "1.5", "0-1000", "18446744073709551616"] {
            XCTAssertThrowsError(try SeedList(parsing: bad), "'\(bad)'") { error in
                XCTAssertEqual((error as? EnsembleError)?.exitCode, ExitStatus.usage, "'\(bad)': \(error)")
                XCTAssertTrue("\(error)".hasPrefix("--seeds:"), "\(error)")
            }
        }
        XCTAssertNoThrow(try SeedList(parsing: "1-1000"))
    }

    func testSeedFromTheEnvironment() throws {
        XCTAssertEqual(try SeedList.seed(fromEnvironment: "SLURM_ARRAY_TASK_ID", environment: ["SLURM_ARRAY_TASK_ID": "7"]), 7)
        for (environment, found) in [([:], "unset"), (["SLURM_ARRAY_TASK_ID": "x7"], "'x7'"), (["SLURM_ARRAY_TASK_ID": "-1"], "'-1'"),
                                     (["SLURM_ARRAY_TASK_ID": ""], "''")] {
            XCTAssertThrowsError(try SeedList.seed(fromEnvironment: "SLURM_ARRAY_TASK_ID", environment: environment)) { error in
                XCTAssertEqual((error as? EnsembleError)?.exitCode, ExitStatus.usage)
                XCTAssertTrue("\(error)".contains("SLURM_ARRAY_TASK_ID"), "\(error)")
                XCTAssertTrue("\(error)".hasSuffix("found \(found)"), "\(error)")
            }
        }
    }
}
