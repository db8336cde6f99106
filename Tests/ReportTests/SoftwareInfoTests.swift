import XCTest
@testable import Report
@testable import ReportKit

final class SoftwareInfoTests: XCTestCase {
    func testDetectDescribesThisBuild() throws {
        let info = SoftwareInfo.detect()
        XCTAssertEqual(info.toolName, "retina-report")
        XCTAssertFalse(info.toolVersion.isEmpty)
        #if DEBUG
        XCTAssertEqual(info.buildConfiguration, "debug")
        #endif
        XCTAssertTrue(info.swiftVersion.hasPrefix("6."), info.swiftVersion)
        let cairo = try NSRegularExpression(pattern: #"^\d+\.\d+\.\d+$"#)
        XCTAssertEqual(cairo.numberOfMatches(in: info.cairoVersion, range: NSRange(location: 0, length: info.cairoVersion.utf16.count)), 1,
                       info.cairoVersion)
        XCTAssertNotEqual(info.cpuArchitecture, "unknown")
        XCTAssertNotEqual(info.operatingSystem, "unknown")
        // Inside a git checkout with git installed, the commit is a full hash; otherwise "unknown".
        if GitProbe.executable(named: "git") != nil, let repo = GitProbe.defaultRepository(),
           FileManager.default.fileExists(atPath: repo.appendingPathComponent(".git").path) {
            XCTAssertEqual(info.gitCommit.count, 40, info.gitCommit)
            XCTAssertTrue(info.gitCommit.allSatisfy(\.isHexDigit))
            XCTAssertNotNil(info.gitDirty)
        } else {
            XCTAssertEqual(info.gitCommit, "unknown")
        }
    }

    func testMissingRepositoryOrGitGivesUnknown() throws {
        let notARepo = try makeTemporaryDirectory(self)
        XCTAssertNil(GitProbe.describe(repository: notARepo))
        XCTAssertNil(GitProbe.describe(repository: nil))
        XCTAssertEqual(SoftwareInfo.detect(repository: notARepo).gitCommit, "unknown")
        XCTAssertNil(GitProbe.executable(named: "git", path: notARepo.path))
    }
}
