#include "tools/mmc-emu/export_command.hpp"

#include "emulator/images/disc_image.hpp"
#include "emulator/media/presets.hpp"

#include "tools/common/percent_lines.hpp"

#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <string>

namespace spindle::cli {

namespace {

struct ExportOptions {
    std::string media;
    std::string output;
    bool quiet = false;
};

int run_export(const ExportOptions& o) {
    const std::filesystem::path out(o.output);
    auto medium = make_medium(o.media);
    if (!medium) {
        fmt::print(stderr, "mmc-emu export: {}\n", medium.error());
        return 1;
    }
    const auto started = std::chrono::steady_clock::now();
    auto progress = cli::PercentLines("exporting", o.quiet);
    auto exported = export_disc_image((*medium)->disc, *(*medium)->store, out, progress);
    if (!exported) {
        fmt::print(stderr, "mmc-emu export: {}\n", exported.error());
        return 1;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    fmt::print("{}: {} files, {:.1f} MB of sectors in {:.2f} s\n", o.output, exported->files.size(),
               static_cast<double>(exported->bytes) / 1e6, seconds);
    for (const auto& f : exported->files) fmt::print("  {}\n", f.string());
    return 0;
}

} // namespace

void add_export_command(CLI::App& app) {
    auto options = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export",
                                   "Write a disc as a disc image, in the format the output's extension names:\n"
                                   "  NAME.cue  a cue sheet and one BIN per track (\"NAME (Track NN).bin\")\n"
                                   "  NAME.toc  a cdrdao toc file and NAME.bin\n"
                                   "  NAME.ccd  CloneCD: NAME.ccd, NAME.img (whole sectors), NAME.sub (sub-channels)\n"
                                   "  NAME.iso  the 2048-byte blocks of a data disc (a DVD, a BD, a data CD)\n"
                                   "`--media \"rom from NAME.cue\"` (or .toc, .ccd, .iso) loads it again.\n"
                                   "MEDIA is a media preset: \"saved PATH\" for a disc a drive kept with image=PATH,\n"
                                   "\"rom from OTHER.cue\" to rewrite an image. Nothing is left behind on failure.");
    cmd->add_option("MEDIA", options->media, "The disc, as a media preset (see `mmc-emu presets`)")->required();
    cmd->add_option("-o,--output", options->output, "The image to write: DISC.cue, .toc, .ccd or .iso")->required();
    cmd->add_flag("-q,--quiet", options->quiet, "No progress on stderr");
    cmd->callback([options] {
        if (const int status = run_export(*options); status != 0) throw CLI::RuntimeError(status);
    });
}

} // namespace spindle::cli
