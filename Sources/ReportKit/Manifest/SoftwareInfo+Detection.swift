import CCairo
import Foundation
import RetinaCore

extension SoftwareInfo {
    /// Facts about this build and machine. Never fails: anything unknown is `"unknown"`.
    ///
    /// The git commit is read by running `git rev-parse HEAD` (and `git status --porcelain
    /// --untracked-files=no` for the dirty flag) in `repository`, which defaults to the source
    /// checkout this file was compiled from, falling back to the working directory if that is a
    /// checkout of this project. It is the checkout's state at run time, which matches the build
    /// under `swift run`. A missing `git` executable or a non-repository gives `"unknown"`.
    public static func detect(repository: URL? = nil) -> SoftwareInfo {
        let git = GitProbe.describe(repository: repository ?? GitProbe.defaultRepository())
        return SoftwareInfo(
            toolName: ToolVersion.name, toolVersion: ToolVersion.current,
            gitCommit: git?.commit ?? "unknown", gitDirty: git?.dirty,
            buildConfiguration: buildConfiguration, swiftVersion: compilerVersion,
            cairoVersion: cairoVersion, operatingSystem: operatingSystem, cpuArchitecture: cpuArchitecture)
    }

    /// `debug` or `release`, from the `DEBUG` compilation condition SwiftPM sets in debug builds.
    public static var buildConfiguration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    /// The compiler version, resolved at compile time to a minor release.
    public static var compilerVersion: String {
        #if compiler(>=6.5)
        return "6.5 or later"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #elseif compiler(>=6.0)
        return "6.0"
        #else
        return "before 6.0"
        #endif
    }

    /// `cairo_version_string()` of the linked Cairo library.
    public static var cairoVersion: String {
        String(cString: cairo_version_string())
    }

    /// `PRETTY_NAME` from `/etc/os-release` (Linux) plus kernel name and release from `uname`.
    public static var operatingSystem: String {
        var parts: [String] = []
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
                parts.append(line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            }
        }
        var u = utsname()
        if uname(&u) == 0 {
            let sys = withUnsafeBytes(of: u.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let rel = withUnsafeBytes(of: u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            parts.append(sys + " " + rel)
        }
        return parts.isEmpty ? "unknown" : parts.joined(separator: "; ")
    }

    /// `uname -m` (`x86_64`, `aarch64`, `arm64`).
    public static var cpuArchitecture: String {
        var u = utsname()
        guard uname(&u) == 0 else { return "unknown" }
        let m = withUnsafeBytes(of: u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return m.isEmpty ? "unknown" : m
    }
}
