// discrec: the recorder from a shell. Thin: every decision lives in the library.
#include "burn_command.hpp"
#include "capture_command.hpp"
#include "demo_command.hpp"
#include "exit_codes.hpp"
#include "info_command.hpp"

#include "tools/common/cli_run.hpp"

#include "recorder/enumeration.hpp"
#include "recorder/sense_code.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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
    fmt::print(stderr, "discrec: {}\n", e.to_string());
    return discrec::exit_code_for(e);
}

Result<std::unique_ptr<DiscRecorder>> open_device(const std::string& name) {
    // A one-shot command has nothing to wait for: emulated time runs on a virtual clock, so
    // an emu: drive starts with its disc loaded and ready.
    OpenOptions o;
    o.clock = ClockKind::Virtual;
    return DiscRecorder::open(name, o);
}

std::optional<std::vector<std::uint8_t>> parse_hex(std::string text) {
    std::string digits;
    for (char c : text)
        if (c != ' ' && c != ':' && c != '-') digits += c;
    if (digits.size() % 2 != 0) return std::nullopt;
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < digits.size(); i += 2) {
        unsigned v = 0;
        if (std::sscanf(digits.substr(i, 2).c_str(), "%2x", &v) != 1) return std::nullopt;
        out.push_back(static_cast<std::uint8_t>(v));
    }
    return out;
}

void hexdump(std::span<const std::uint8_t> b) {
    for (std::size_t i = 0; i < b.size(); i += 16) {
        fmt::print("{:04X}:", i);
        for (std::size_t j = i; j < std::min(i + 16, b.size()); ++j) fmt::print(" {:02X}", b[j]);
        fmt::print("\n");
    }
}

int cmd_list() {
    const auto drives = enumerate_optical_drives();
    if (drives.empty()) {
        fmt::print(stderr, "discrec: no optical drives found (try an emulated one: discrec info emu:)\n");
        return ExitCode::no_such_device;
    }
    for (const auto& d : drives)
        fmt::print("{:<10} {:<6} {:<6} {} {} {}\n", d.device_path(), d.block_name.empty() ? "-" : d.block_name,
                   d.generic_name.empty() ? "-" : d.generic_name, d.vendor, d.model, d.revision);
    return ExitCode::ok;
}

int cmd_info(const std::string& dev, bool as_json) {
    auto rec = open_device(dev);
    if (!rec) return report(rec.error());
    const auto info = discrec::gather_info(**rec);
    if (as_json)
        fmt::print("{}\n", info.dump(2));
    else
        discrec::print_info(info);
    return ExitCode::ok;
}

int cmd_mode_page(const std::string& dev, const std::string& page_text, const std::string& type_text) {
    auto page = parse_hex(page_text.size() % 2 ? "0" + page_text : page_text);
    if (!page || page->size() != 1 || (*page)[0] >= 0x3F) {
        return usage_error("mode-page", fmt::format("PAGE must be a hex page code 00..3E, not '{}'", page_text));
    }
    static const std::map<std::string, ModePageRequestType> types{{"current", ModePageRequestType::Current},
                                                                  {"changeable", ModePageRequestType::Changeable},
                                                                  {"default", ModePageRequestType::Default},
                                                                  {"saved", ModePageRequestType::Saved}};
    auto rec = open_device(dev);
    if (!rec) return report(rec.error());
    auto bytes = (*rec)->ex().get_mode_page((*page)[0], types.at(type_text));
    if (!bytes) return report(bytes.error());
    hexdump(*bytes);
    return ExitCode::ok;
}

int cmd_features(const std::string& dev) {
    auto rec = open_device(dev);
    if (!rec) return report(rec.error());
    auto& ex = (*rec)->ex();
    auto codes = ex.get_supported_feature_pages(false);
    if (!codes) return report(codes.error());
    for (auto code : *codes) {
        auto d = ex.get_feature_page(code, false);
        if (!d) return report(d.error());
        const bool current = d->size() > 2 && ((*d)[2] & 0x01) != 0;
        fmt::print("{:04X}h  {}  v{}  ", code, current ? "current" : "       ",
                   d->size() > 2 ? ((*d)[2] >> 2) & 0x0F : 0);
        for (std::size_t i = 4; i < d->size(); ++i) fmt::print("{:02X} ", (*d)[i]);
        fmt::print("\n");
    }
    return ExitCode::ok;
}

int cmd_send(const std::string& dev, const std::string& cdb_text, std::size_t in_length, const std::string& out_file,
             std::uint32_t timeout) {
    auto cdb = parse_hex(cdb_text);
    if (!cdb) {
        return usage_error("send", "CDB must be hex bytes, e.g. \"12 00 00 00 24 00\"");
    }
    std::vector<std::uint8_t> out;
    if (!out_file.empty()) {
        std::ifstream in(out_file, std::ios::binary);
        if (!in) {
            return usage_error("send", fmt::format("cannot read {}", out_file));
        }
        out.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto rec = open_device(dev);
    if (!rec) return report(rec.error());
    auto& ex = (*rec)->ex();
    std::vector<std::uint8_t> in(in_length);
    Result<CommandOutcome> o = in_length > 0  ? ex.send_command_get_data_from_device(*cdb, timeout, in)
                               : !out.empty() ? ex.send_command_send_data_to_device(*cdb, timeout, out)
                                              : ex.send_command_no_data(*cdb, timeout);
    if (!o) return report(o.error());
    if (o->hr == hr::s_command_has_sense_data) {
        const auto code = parse_sense(o->sense);
        fmt::print(stderr, "discrec: S_IMAPI_COMMAND_HAS_SENSE_DATA: status {:02X}h, sense {}\n", o->status,
                   code ? to_string(*code) : "?");
        hexdump(o->sense);
        return ExitCode::command_failed;
    }
    hexdump(std::span(in).first(o->bytes_fetched));
    return ExitCode::ok;
}

} // namespace

int main(int argc, char** argv) {
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
    std::size_t in_length = 0;
    std::uint32_t timeout = 30;

    auto* list = app.add_subcommand("list", "List the system's optical drives (sysfs: SCSI type 5 devices)");
    auto* info = app.add_subcommand("info", "Identity, profiles, medium, disc and track information, features, mode "
                                            "pages and transfer limits of a drive");
    info->add_option("DEV", dev, "Device")->required();
    info->add_flag("--json", as_json, "Print JSON");
    auto* mode = app.add_subcommand("mode-page", "Print one mode page (MODE SENSE(10), header stripped)");
    mode->add_option("DEV", dev, "Device")->required();
    mode->add_option("PAGE", page, "Page code in hex, e.g. 2A")->required();
    mode->add_option("--type", type, "Page control")
        ->check(CLI::IsMember({"current", "changeable", "default", "saved"}));
    auto* features = app.add_subcommand("features", "List every feature descriptor (GET CONFIGURATION)");
    features->add_option("DEV", dev, "Device")->required();
    auto* send = app.add_subcommand("send", "Send a raw CDB; print the data in, or the sense when the drive fails it");
    send->add_option("DEV", dev, "Device")->required();
    send->add_option("CDB-HEX", cdb, "CDB as hex bytes, e.g. \"12 00 00 00 24 00\"")->required();
    auto* in_opt = send->add_option("--in", in_length, "Read N bytes from the drive");
    auto* out_opt = send->add_option("--out", out_file, "Send the contents of FILE to the drive");
    in_opt->excludes(out_opt);
    send->add_option("--timeout", timeout, "Timeout in seconds (default 30)")->check(CLI::Range(1u, 86400u));

    discrec::add_burn_commands(app);
    discrec::add_demo_command(app);
    std::string output = "-";
    auto* capture = app.add_subcommand(
        "capture-profile", "Read the drive's identity, features, mode pages, buffer and the loaded medium's speeds and "
                           "print them as a drive profile the emulator loads (profiles/README.md)");
    capture->add_option("DEV", dev, "Device")->required();
    capture->add_option("-o,--output", output, "Write the profile to FILE instead of standard output");

    // burn, erase, format, eject, load and demo run (and end) inside the parse, as callbacks.
    if (const auto status = cli::parse_or_exit(app, argc, argv)) return *status;
    if (*list) return cmd_list();
    if (*info) return cmd_info(dev, as_json);
    if (*mode) return cmd_mode_page(dev, page, type);
    if (*features) return cmd_features(dev);
    if (*send) return cmd_send(dev, cdb, in_length, out_file, timeout);
    if (*capture) {
        auto rec = open_device(dev);
        if (!rec) return report(rec.error());
        return discrec::capture_profile(**rec, dev, output);
    }
    return ExitCode::ok; // a callback ran and succeeded
}
