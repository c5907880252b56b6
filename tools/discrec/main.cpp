// discrec: the recorder from a shell. Thin: every decision lives in the library.
#include "burn_command.hpp"
#include "capture_command.hpp"
#include "demo_command.hpp"
#include "disc_map.hpp"
#include "exit_codes.hpp"
#include "hex_text.hpp"
#include "info_command.hpp"
#include "mmc_names.hpp"
#include "mode_page_fields.hpp"
#include "read_command.hpp"
#include "send_command.hpp"

#include "tools/common/cli_run.hpp"

#include "bridge/emu_name.hpp"
#include "recorder/enumeration.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>

using namespace spindle;
using namespace spindle::recorder;
using discrec::ExitCode;

namespace {

int usage_error(std::string_view subcommand, std::string_view message) {
    cli::print_usage_error("discrec", fmt::format("discrec {}", subcommand), message);
    return ExitCode::usage;
}

int report(const Error& e) {
    fmt::print(stderr, "discrec: {}\n", discrec::error_text(e));
    return discrec::exit_code_for(e);
}

Result<std::unique_ptr<DiscRecorder>> open_device(const std::string& name) {
    // A one-shot command has nothing to wait for: emulated time runs on a virtual clock, so
    // an emu: drive starts with its disc loaded and ready.
    OpenOptions o;
    o.clock = ClockKind::Virtual;
    return DiscRecorder::open(name, o);
}

// "2A", "2a", "2Ah" or "0x2A".
std::optional<std::uint8_t> parse_page_code(std::string text) {
    if (text.starts_with("0x") || text.starts_with("0X")) text.erase(0, 2);
    if (text.ends_with('h') || text.ends_with('H')) text.pop_back();
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, 16);
    if (text.empty() || text.size() > 2 || ec != std::errc{} || end != text.data() + text.size() || v >= 0x3F)
        return std::nullopt;
    return static_cast<std::uint8_t>(v);
}

int cmd_list(bool as_json) {
    const auto drives = enumerate_optical_drives();
    if (as_json) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& d : drives)
            a.push_back({{"device", d.device_path()},
                         {"block", d.block_name},
                         {"generic", d.generic_name},
                         {"scsi_address", d.scsi_address},
                         {"vendor", d.vendor},
                         {"model", d.model},
                         {"revision", d.revision}});
        fmt::print("{}\n", a.dump(2));
    }
    if (drives.empty()) {
        fmt::print(stderr, "discrec: no optical drives found (try an emulated one: discrec info emu:)\n");
        return ExitCode::no_such_device;
    }
    if (!as_json)
        for (const auto& d : drives)
            fmt::print("{:<10} {:<6} {:<6} {} {} {}\n", d.device_path(), d.block_name.empty() ? "-" : d.block_name,
                       d.generic_name.empty() ? "-" : d.generic_name, d.vendor, d.model, d.revision);
    return ExitCode::ok;
}

int cmd_info(const std::string& dev, bool as_json, const std::string& map_file) {
    auto rec = open_device(dev);
    if (!rec) return report(rec.error());
    const auto info = discrec::gather_info(**rec);
    if (!map_file.empty()) {
        std::ofstream out(map_file, std::ios::trunc);
        out << discrec::disc_map_svg(info);
        if (!out.flush()) {
            fmt::print(stderr, "discrec: --map: cannot write {}\n", map_file);
            return ExitCode::failure;
        }
    }
    if (as_json)
        fmt::print("{}\n", info.dump(2));
    else
        discrec::print_info(info);
    return ExitCode::ok;
}

int cmd_mode_page(const std::string& dev, const std::string& page_text, const std::string& type_text, bool as_json) {
    const auto page = parse_page_code(page_text);
    if (!page) {
        return usage_error("mode-page",
                           fmt::format("PAGE must be a hex page code 00..3E (2A, 0x2A), not '{}'", page_text));
    }
    static const std::map<std::string, ModePageRequestType> types{{"current", ModePageRequestType::Current},
                                                                  {"changeable", ModePageRequestType::Changeable},
                                                                  {"default", ModePageRequestType::Default},
                                                                  {"saved", ModePageRequestType::Saved}};
    auto rec = open_device(dev);
    if (!rec) return report(rec.error());
    auto bytes = (*rec)->ex().get_mode_page(*page, types.at(type_text));
    if (!bytes) return report(bytes.error());
    const auto name = discrec::mode_page_name(*page);
    // Changeable values are masks, not settings: shown as bytes only.
    const auto fields = type_text == "changeable" ? nlohmann::ordered_json() : discrec::mode_page_fields(*bytes);
    if (as_json) {
        nlohmann::ordered_json j{{"page", fmt::format("{:02X}h", *page)},
                                 {"name", name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(name)},
                                 {"type", type_text},
                                 {"bytes", discrec::hex_line(*bytes)}};
        if (!fields.is_null()) j["fields"] = fields;
        fmt::print("{}\n", j.dump(2));
        return ExitCode::ok;
    }
    discrec::print_hexdump(*bytes);
    if (fields.is_null()) return ExitCode::ok;
    fmt::print("\n{} ({:02X}h), {}:\n", name, *page, type_text);
    for (const auto& [key, value] : fields.items()) {
        std::string text;
        if (value.is_boolean())
            text = value.get<bool>() ? "yes" : "no";
        else if (value.is_string())
            text = value.get<std::string>();
        else if (value.is_array()) {
            for (const auto& v : value) text += (text.empty() ? "" : ", ") + v.get<std::string>();
            if (text.empty()) text = "-";
        } else
            text = value.dump();
        fmt::print("  {:<36} {}\n", key, text);
    }
    return ExitCode::ok;
}

int cmd_send(const std::string& dev, const std::string& cdb_text, const std::string& out_file, discrec::SendOptions o) {
    auto cdb = discrec::parse_hex(cdb_text);
    if (!cdb) {
        return usage_error("send", "CDB must be hex bytes, e.g. \"12 00 00 00 24 00\"");
    }
    o.cdb = std::move(*cdb);
    if (!out_file.empty()) {
        std::ifstream in(out_file, std::ios::binary);
        if (!in) {
            return usage_error("send", fmt::format("cannot read {}", out_file));
        }
        o.out.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto rec = open_device(dev);
    if (!rec) return report(rec.error());
    return discrec::send_command(**rec, o);
}

int cmd_features(const std::string& dev, bool as_json) {
    auto rec = open_device(dev);
    if (!rec) return report(rec.error());
    auto& ex = (*rec)->ex();
    auto codes = ex.get_supported_feature_pages(false);
    if (!codes) return report(codes.error());
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (auto code : *codes) {
        auto d = ex.get_feature_page(code, false);
        if (!d) return report(d.error());
        // Feature descriptor header (MMC-6 table 86): version, persistent, current in byte 2.
        const bool current = d->size() > 2 && ((*d)[2] & 0x01) != 0;
        const unsigned version = d->size() > 2 ? ((*d)[2] >> 2) & 0x0F : 0;
        const auto data = std::span(*d).subspan(std::min<std::size_t>(4, d->size()));
        const auto name = discrec::feature_name(code);
        if (as_json) {
            all.push_back({{"code", fmt::format("{:04X}h", code)},
                           {"name", name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(name)},
                           {"current", current},
                           {"persistent", d->size() > 2 && ((*d)[2] & 0x02) != 0},
                           {"version", version},
                           {"data", discrec::hex_line(data)}});
            continue;
        }
        fmt::print("{:04X}h  {:<32} {}  v{}  {}\n", code, name.empty() ? "?" : name, current ? "current" : "       ",
                   version, discrec::hex_line(data));
    }
    if (as_json) fmt::print("{}\n", all.dump(2));
    return ExitCode::ok;
}

} // namespace

int main(int argc, char** argv) {
    // Results go to stdout, progress and messages to stderr: whole lines, in the order they
    // were made, also when both reach one pipe.
    std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);
    recorder::register_emulator_scheme();
    CLI::App app{"discrec: an IMAPI2-style disc recorder for Linux.\n\n"
                 "DEV is /dev/srN, /dev/sgN, or emu:[PROFILE.yaml][?media=PRESET] for an in-process emulated\n"
                 "drive (default profile and a blank disc when omitted; media=none for an empty drive;\n"
                 "quote it in a shell: 'emu:?media=blank dvd+r', or write %20 for the space).\n\n"
                 "burn/erase/format print the IMAPI2 error (E_IMAPI_...) of a failure; Ctrl-C cancels a burn\n"
                 "and leaves the disc consistent (E_IMAPI_REQUEST_CANCELLED)."};
    app.name("discrec");
    app.set_version_flag("--version", "discrec " SPINDLE_VERSION);
    app.footer(cli::exit_code_help(discrec::exit_code_docs));
    app.require_subcommand(1);
    std::string dev, page, type = "current", cdb, out_file;
    bool as_json = false;
    discrec::SendOptions send_options;

    auto* list = app.add_subcommand("list", "List the system's optical drives (sysfs: SCSI type 5 devices)");
    list->add_flag("--json", as_json, "Print JSON: an array of drives");
    auto* info = app.add_subcommand("info", "Identity, profiles, medium, disc and track information, volume label, "
                                            "features, mode pages and transfer limits of a drive");
    info->add_option("DEV", dev, "Device")->required();
    info->add_flag("--json", as_json, "Print JSON");
    std::string map_file;
    info->add_option("--map", map_file,
                     "Also draw the disc to scale as an SVG picture in FILE: sessions, tracks, the gaps between "
                     "them, free space and the next writable address");
    auto* mode = app.add_subcommand("mode-page", "Print one mode page (MODE SENSE(10), header stripped) and the fields "
                                                 "of pages 01h, 05h and 2Ah");
    mode->add_option("DEV", dev, "Device")->required();
    mode->add_option("PAGE", page, "Page code in hex: 2A, 0x2A or 2Ah")->required();
    mode->add_option("--type", type, "Page control")
        ->check(CLI::IsMember({"current", "changeable", "default", "saved"}));
    mode->add_flag("--json", as_json, "Print JSON: the page's bytes and decoded fields");
    auto* features = app.add_subcommand("features", "List every feature descriptor (GET CONFIGURATION)");
    features->add_option("DEV", dev, "Device")->required();
    features->add_flag("--json", as_json, "Print JSON: an array of feature descriptors");
    auto* send = app.add_subcommand("send", "Send a raw CDB; print the data in, or the sense when the drive fails it. "
                                            "Pending UNIT ATTENTION (a drive's power on, reset, medium change) is "
                                            "cleared first with TEST UNIT READY, so the answer is the command's own");
    send->add_option("DEV", dev, "Device")->required();
    send->add_option("CDB-HEX", cdb, "CDB as hex bytes, e.g. \"12 00 00 00 24 00\"")->required();
    auto* in_opt = send->add_option("--in", send_options.in_length, "Read N bytes from the drive");
    auto* out_opt = send->add_option("--out", out_file, "Send the contents of FILE to the drive");
    in_opt->excludes(out_opt);
    send->add_option("--timeout", send_options.timeout, "Timeout in seconds (default 30)")
        ->check(CLI::Range(1u, 86400u));
    send->add_flag("--keep-unit-attention", send_options.keep_unit_attention,
                   "Do not clear pending UNIT ATTENTION first: the command gets it");

    discrec::add_burn_commands(app);
    discrec::add_demo_command(app);
    std::string output = "-";
    auto* capture = app.add_subcommand(
        "capture-profile", "Read the drive's identity, features, mode pages, buffer and the loaded medium's speeds and "
                           "print them as a drive profile the emulator loads (profiles/README.md)");
    capture->add_option("DEV", dev, "Device")->required();
    capture->add_option("-o,--output", output, "Write the profile to FILE instead of standard output");

    discrec::ReadOptions read_options;
    auto* read = app.add_subcommand("read", "Read the disc in the drive into a disc image, as `mmc-emu export` writes "
                                            "them: a CD into any format its name asks for (DISC.cue, .toc, .ccd, "
                                            ".iso for data), a DVD or BD into DISC.iso; blocks that will not read "
                                            "are zeros, listed, and exit 1");
    read->add_option("DEV", dev, "Device")->required();
    read->add_option("-o,--output", read_options.output, "The image to write; its extension names the format")
        ->required();
    read->add_option("--retries", read_options.retries, "Reads of a failing block before it counts as unreadable")
        ->check(CLI::Range(0, 100));
    read->add_flag("--json", read_options.json, "Print the result as JSON");
    read->add_flag("-q,--quiet", read_options.quiet, "No progress on stderr");

    // burn, erase, format, eject, load and demo run (and end) inside the parse, as callbacks.
    if (const auto status = cli::parse_or_exit(app, argc, argv)) return *status;
    if (*list) return cmd_list(as_json);
    if (*info) return cmd_info(dev, as_json, map_file);
    if (*mode) return cmd_mode_page(dev, page, type, as_json);
    if (*features) return cmd_features(dev, as_json);
    if (*send) return cmd_send(dev, cdb, out_file, send_options);
    if (*read) {
        auto rec = open_device(dev);
        if (!rec) return report(rec.error());
        return discrec::read_disc(**rec, dev, read_options);
    }
    if (*capture) {
        auto rec = open_device(dev);
        if (!rec) return report(rec.error());
        return discrec::capture_profile(**rec, dev, output);
    }
    return ExitCode::ok; // a callback ran and succeeded
}
