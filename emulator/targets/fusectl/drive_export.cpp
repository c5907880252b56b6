#include "emulator/targets/fusectl/drive_export.hpp"

#include "emulator/images/disc_image.hpp"
#include "emulator/targets/fusectl/drive_control.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace spindle::fusectl {

namespace {

constexpr std::string_view event_prefix = "export: "; // the control event an export leaves

} // namespace

std::expected<void, std::string> write_export(ServedDrive& drive, std::string_view text) {
    const auto line = trim(text);
    if (line.empty() || line.find('\n') != std::string_view::npos)
        return std::unexpected(std::string("expected one path: the image to write"));
    const std::filesystem::path out{std::string(line)};
    // Relative to what? The serving process's directory is not the writer's.
    if (!out.is_absolute()) return std::unexpected(fmt::format("'{}': expected an absolute path", line));
    if (!exported_name(out))
        return std::unexpected(fmt::format("'{}': the name must end in {} (its extension names the format written)",
                                           line, export_extensions()));
    auto done = drive.with([&](Drive& d) -> std::expected<ExportedImage, std::string> {
        const Medium* m = d.state().medium.get();
        if (m == nullptr) return std::unexpected(std::string("there is no medium in the drive"));
        return export_disc_image(m->disc, *m->store, out);
    });
    if (!done) return std::unexpected(done.error());
    drive.note(fmt::format("{}{} ({} files, {} bytes of sectors)", event_prefix, out.string(), done->files.size(),
                           done->bytes));
    return {};
}

std::string export_text(const ServedDrive& drive) {
    const auto events = drive.events_after(0);
    for (auto e = events.rbegin(); e != events.rend(); ++e)
        if (e->what.starts_with(event_prefix)) return e->what.substr(event_prefix.size()) + "\n";
    return {};
}

} // namespace spindle::fusectl
