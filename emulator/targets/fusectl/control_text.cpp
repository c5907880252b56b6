#include "emulator/targets/fusectl/control_text.hpp"

#include "emulator/profile/profile_loader.hpp"
#include "emulator/targets/fusectl/control_request.hpp"
#include "emulator/targets/fusectl/drive_export.hpp"
#include "emulator/targets/fusectl/drive_report.hpp"

namespace spindle::fusectl {

const FileInfo* find_control_file(std::string_view name) {
    for (const auto& f : control_files())
        if (f.name == name) return &f;
    return nullptr;
}

std::string read_control_text(ServedDrive& d, FileKind kind) {
    switch (kind) {
    case FileKind::Profile: return d.with([](Drive& x) { return profile_to_yaml(x.profile()); });
    case FileKind::Tray: return d.with([](Drive& x) { return tray_text(x.state()); });
    case FileKind::Medium: return d.with([](Drive& x) { return medium_text(x.state()); });
    case FileKind::State: return d.with([](Drive& x) { return state_text(x.state()); });
    case FileKind::Faults: return d.with([](Drive& x) { return x.faults().list(); });
    case FileKind::Log: {
        LogCursor c{1, 1};
        return log_text(d, c);
    }
    case FileKind::Stats: return stats_text(d.stats());
    case FileKind::Export: return export_text(d);
    case FileKind::LastError:
    case FileKind::Pid:
    case FileKind::LogPipe:
    case FileKind::DiscImage:
    case FileKind::DiscAudio:
    case FileKind::None: break;
    }
    return {};
}

std::expected<void, std::string> write_control_text(ServedDrive& d, FileKind kind, std::string_view text) {
    if (kind == FileKind::None || !file_info(kind).writable) return std::unexpected("read-only file");
    if (text.empty()) return std::unexpected("empty request");
    ControlRequest request(kind);
    if (auto r = request.add(d, text); !r) return std::unexpected(r.error());
    if (auto r = request.finish(d); !r) return std::unexpected(r.error());
    return {};
}

} // namespace spindle::fusectl
