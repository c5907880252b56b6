#include "emulator/targets/exec/cdrom_info.hpp"

#include <fmt/format.h>

#include <linux/cdrom.h>

namespace spindle::exec {

std::string cdrom_info_text(const std::vector<CdromInfoDrive>& drives) {
    // cdrom.c registers a drive at the head of its list and prints the list in order.
    const std::vector<CdromInfoDrive> newest_first(drives.rbegin(), drives.rend());
    std::string text = "CD-ROM information, Id: cdrom.c 3.20 2003/12/17\n";
    const auto line = [&](const char* label, auto value) {
        text += fmt::format("\n{}", label);
        for (const auto& d : newest_first) text += fmt::format("\t{}", value(d));
    };
    const auto can = [&](const char* label, int bit) {
        line(label, [bit](const CdromInfoDrive& d) { return (d.capability & bit) != 0 ? 1 : 0; });
    };
    line("drive name:\t", [](const CdromInfoDrive& d) { return d.name; });
    line("drive speed:\t", [](const CdromInfoDrive& d) { return d.speed; });
    line("drive # of slots:", [](const CdromInfoDrive&) { return 1; });
    can("Can close tray:\t", CDC_CLOSE_TRAY);
    can("Can open tray:\t", CDC_OPEN_TRAY);
    can("Can lock tray:\t", CDC_LOCK);
    can("Can change speed:", CDC_SELECT_SPEED);
    can("Can select disk:", CDC_SELECT_DISC);
    can("Can read multisession:", CDC_MULTI_SESSION);
    can("Can read MCN:\t", CDC_MCN);
    can("Reports media changed:", CDC_MEDIA_CHANGED);
    can("Can play audio:\t", CDC_PLAY_AUDIO);
    can("Can write CD-R:\t", CDC_CD_R);
    can("Can write CD-RW:", CDC_CD_RW);
    can("Can read DVD:\t", CDC_DVD);
    can("Can write DVD-R:", CDC_DVD_R);
    can("Can write DVD-RAM:", CDC_DVD_RAM);
    can("Can read MRW:\t", CDC_MRW);
    can("Can write MRW:\t", CDC_MRW_W);
    can("Can write RAM:\t", CDC_RAM);
    return text + "\n\n";
}

} // namespace spindle::exec
