// Every CDB builder, read back through the view of the same command: the fields given are the
// fields decoded, the length is the opcode group's, and a few CDBs are checked byte for byte
// against what the MMC-6 / SPC-4 tables (and real initiators) send.
#include "scsi/cdb_audio.hpp"
#include "scsi/cdb_block.hpp"
#include "scsi/cdb_configuration.hpp"
#include "scsi/cdb_mechanism.hpp"
#include "scsi/cdb_mode.hpp"
#include "scsi/cdb_performance.hpp"
#include "scsi/cdb_read.hpp"
#include "scsi/cdb_write.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace spindle::scsi {
namespace {

template <std::size_t N>
std::vector<std::uint8_t> bytes_of(const CdbBytes<N>& c) {
    return {c.begin(), c.end()};
}
template <std::size_t N>
bool opcode_and_length(const CdbBytes<N>& c, Opcode op) {
    return c[0] == static_cast<std::uint8_t>(op) && N == cdb_length(c[0]) && c[N - 1] == 0;
}

TEST_CASE("SPC builders: TEST UNIT READY, REQUEST SENSE and INQUIRY read back through their views") {
    CHECK(bytes_of(cdb::test_unit_ready()) == std::vector<std::uint8_t>{0x00, 0, 0, 0, 0, 0});

    const auto rs = cdb::request_sense(18);
    CHECK(opcode_and_length(rs, Opcode::RequestSense));
    CHECK(RequestSenseCdb(rs).allocation_length() == 18);
    CHECK_FALSE(RequestSenseCdb(rs).desc());

    const auto q = cdb::inquiry(0x1234);
    CHECK(opcode_and_length(q, Opcode::Inquiry));
    CHECK_FALSE(InquiryCdb(q).evpd());
    CHECK(InquiryCdb(q).allocation_length() == 0x1234);
    // A one-byte allocation length lands in byte 4, where SPC-2 initiators put it.
    CHECK(bytes_of(cdb::inquiry(96)) == std::vector<std::uint8_t>{0x12, 0, 0, 0, 96, 0});

    const auto vpd = cdb::inquiry_vpd(0x80, 0xFF);
    CHECK(InquiryCdb(vpd).evpd());
    CHECK(InquiryCdb(vpd).page_code() == 0x80);
    CHECK(InquiryCdb(vpd).allocation_length() == 0xFF);
}

TEST_CASE("GET CONFIGURATION and GET EVENT STATUS NOTIFICATION builders read back through their views") {
    const auto gc = cdb::get_configuration(cdb::rt::one, 0x002B, 0xFFF0);
    CHECK(opcode_and_length(gc, Opcode::GetConfiguration));
    const GetConfigurationCdb g(gc);
    CHECK(g.rt() == 2);
    CHECK(g.starting_feature() == 0x002B);
    CHECK(g.allocation_length() == 0xFFF0);
    // The current-profile probe every burner sends: RT 10b, feature 0, 8 bytes.
    CHECK(bytes_of(cdb::get_configuration(cdb::rt::one, 0, 8)) ==
          std::vector<std::uint8_t>{0x46, 0x02, 0, 0, 0, 0, 0, 0, 8, 0});

    const auto ge = cdb::get_event_status_notification(cdb::event_class::media, 8);
    CHECK(opcode_and_length(ge, Opcode::GetEventStatusNotification));
    const GetEventStatusNotificationCdb e(ge);
    CHECK(e.polled());
    CHECK(e.class_request() == 0x10);
    CHECK(e.allocation_length() == 8);
    CHECK(bytes_of(ge) == std::vector<std::uint8_t>{0x4A, 0x01, 0, 0, 0x10, 0, 0, 0, 8, 0});
}

TEST_CASE("mechanism builders: START STOP UNIT, PREVENT ALLOW MEDIUM REMOVAL, MECHANISM STATUS") {
    const auto ssu = cdb::start_stop_unit(true, false, true);
    CHECK(opcode_and_length(ssu, Opcode::StartStopUnit));
    const StartStopUnitCdb s(ssu);
    CHECK(s.immed());
    CHECK(s.loej());
    CHECK_FALSE(s.start());
    CHECK(s.power_conditions() == 0);
    CHECK(bytes_of(cdb::eject()) == std::vector<std::uint8_t>{0x1B, 0, 0, 0, 0x02, 0});
    CHECK(bytes_of(cdb::load()) == std::vector<std::uint8_t>{0x1B, 0, 0, 0, 0x03, 0});
    CHECK(StartStopUnitCdb(cdb::start_stop_unit(false, true)).start());
    CHECK_FALSE(StartStopUnitCdb(cdb::start_stop_unit(false, true)).loej());

    const auto pa = cdb::prevent_allow_medium_removal(true, true);
    CHECK(opcode_and_length(pa, Opcode::PreventAllowMediumRemoval));
    CHECK(PreventAllowMediumRemovalCdb(pa).prevent());
    CHECK(PreventAllowMediumRemovalCdb(pa).persistent());
    CHECK(bytes_of(cdb::prevent_allow_medium_removal(false)) == std::vector<std::uint8_t>{0x1E, 0, 0, 0, 0, 0});

    const auto ms = cdb::mechanism_status(0x0108);
    CHECK(opcode_and_length(ms, Opcode::MechanismStatus));
    CHECK(MechanismStatusCdb(ms).allocation_length() == 0x0108);
}

TEST_CASE("MODE SENSE and MODE SELECT builders read back through their views") {
    const auto s10 = cdb::mode_sense10(0x2A, cdb::PageControl::Changeable, 0x1000);
    CHECK(opcode_and_length(s10, Opcode::ModeSense10));
    const ModeSense10Cdb m(s10);
    CHECK(m.dbd());
    CHECK_FALSE(m.llbaa());
    CHECK(m.page_control() == 1);
    CHECK(m.page_code() == 0x2A);
    CHECK(m.subpage_code() == 0);
    CHECK(m.allocation_length() == 0x1000);
    CHECK(bytes_of(cdb::mode_sense10(0x2A, cdb::PageControl::Current, 0xFF)) ==
          std::vector<std::uint8_t>{0x5A, 0x08, 0x2A, 0, 0, 0, 0, 0, 0xFF, 0});
    CHECK(bytes_of(cdb::mode_sense10(cdb::all_mode_pages, cdb::PageControl::Saved, 8)) ==
          std::vector<std::uint8_t>{0x5A, 0x08, 0xFF, 0, 0, 0, 0, 0, 8, 0});

    const auto s6 = cdb::mode_sense6(0x05, cdb::PageControl::Default, 0xFF, false, 0x01);
    CHECK(opcode_and_length(s6, Opcode::ModeSense6));
    const ModeSense6Cdb m6(s6);
    CHECK_FALSE(m6.dbd());
    CHECK(m6.page_control() == 2);
    CHECK(m6.page_code() == 0x05);
    CHECK(m6.subpage_code() == 0x01);
    CHECK(m6.allocation_length() == 0xFF);

    const auto sel10 = cdb::mode_select10(60, true);
    CHECK(opcode_and_length(sel10, Opcode::ModeSelect10));
    CHECK(ModeSelect10Cdb(sel10).pf());
    CHECK(ModeSelect10Cdb(sel10).sp());
    CHECK(ModeSelect10Cdb(sel10).parameter_list_length() == 60);
    CHECK(bytes_of(cdb::mode_select10(60)) == std::vector<std::uint8_t>{0x55, 0x10, 0, 0, 0, 0, 0, 0, 60, 0});

    const auto sel6 = cdb::mode_select6(28, false, false);
    CHECK(opcode_and_length(sel6, Opcode::ModeSelect6));
    CHECK_FALSE(ModeSelect6Cdb(sel6).pf());
    CHECK_FALSE(ModeSelect6Cdb(sel6).sp());
    CHECK(ModeSelect6Cdb(sel6).parameter_list_length() == 28);
}

TEST_CASE("performance builders: GET PERFORMANCE, SET CD SPEED, SET STREAMING, READ BUFFER CAPACITY") {
    const auto gp =
        cdb::get_performance(cdb::performance_type::performance, 1, cdb::performance_data_type(true), 0x12345678);
    CHECK(opcode_and_length(gp, Opcode::GetPerformance));
    const GetPerformanceCdb p(gp);
    CHECK(p.tolerance() == 2);
    CHECK(p.write());
    CHECK(p.except() == 0);
    CHECK(p.starting_lba() == 0x12345678);
    CHECK(p.max_descriptors() == 1);
    CHECK(p.type() == 0);
    // The nominal write performance request: data type 14h (tolerance 10b, Write).
    CHECK(cdb::get_performance(0, 1, cdb::performance_data_type(true))[1] == 0x14);
    CHECK(cdb::get_performance(0, 8, cdb::performance_data_type(false))[1] == 0x10);
    CHECK(bytes_of(cdb::get_performance(cdb::performance_type::write_speed, 64)) ==
          std::vector<std::uint8_t>{0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0x03, 0});

    const auto cs = cdb::set_cd_speed(0xFFFF, 1764, true);
    CHECK(opcode_and_length(cs, Opcode::SetCdSpeed));
    CHECK(SetCdSpeedCdb(cs).rotational_control() == 1);
    CHECK(SetCdSpeedCdb(cs).read_speed() == SetCdSpeedCdb::maximum);
    CHECK(SetCdSpeedCdb(cs).write_speed() == 1764);

    const auto ss = cdb::set_streaming(28);
    CHECK(opcode_and_length(ss, Opcode::SetStreaming));
    CHECK(SetStreamingCdb(ss).type() == 0);
    CHECK(SetStreamingCdb(ss).parameter_list_length() == 28);
    CHECK(bytes_of(ss) == std::vector<std::uint8_t>{0xB6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 28, 0});

    const auto d = cdb::streaming_performance_descriptor({.wrc = 2,
                                                          .rdd = true,
                                                          .exact = true,
                                                          .ra = true,
                                                          .start_lba = 1,
                                                          .end_lba = 0x23'0000,
                                                          .read_size_kb = 11080,
                                                          .read_time_ms = 1000,
                                                          .write_size_kb = 5540,
                                                          .write_time_ms = 999});
    const StreamingPerformanceDescriptor pd(d);
    CHECK(pd.wrc() == 2);
    CHECK(pd.rdd());
    CHECK(pd.exact());
    CHECK(pd.ra());
    CHECK(pd.start_lba() == 1);
    CHECK(pd.end_lba() == 0x23'0000);
    CHECK(pd.read_size_kb() == 11080);
    CHECK(pd.read_time_ms() == 1000);
    CHECK(pd.write_size_kb() == 5540);
    CHECK(pd.write_time_ms() == 999);
    CHECK(cdb::streaming_performance_descriptor({.wrc = 2})[0] == 0x10); // WRC 10b in bits 4-3

    const auto rb = cdb::read_buffer_capacity(12, true);
    CHECK(opcode_and_length(rb, Opcode::ReadBufferCapacity));
    CHECK(ReadBufferCapacityCdb(rb).block());
    CHECK(ReadBufferCapacityCdb(rb).allocation_length() == 12);
}

TEST_CASE("READ(10), READ(12) and READ CAPACITY builders read back through their views") {
    const auto r10 = cdb::read10(0x01020304, 0xFFFF);
    CHECK(opcode_and_length(r10, Opcode::Read10));
    CHECK(Read10Cdb(r10).lba() == 0x01020304);
    CHECK(Read10Cdb(r10).transfer_length() == 0xFFFF);
    CHECK(bytes_of(cdb::read10(16, 32)) == std::vector<std::uint8_t>{0x28, 0, 0, 0, 0, 16, 0, 0, 32, 0});

    const auto r12 = cdb::read12(0xFFFF'FFFE, 0x0001'0000);
    CHECK(opcode_and_length(r12, Opcode::Read12));
    CHECK(Read12Cdb(r12).lba() == 0xFFFF'FFFE);
    CHECK(Read12Cdb(r12).transfer_length() == 0x0001'0000);

    const auto rc = cdb::read_capacity();
    CHECK(opcode_and_length(rc, Opcode::ReadCapacity));
    CHECK(ReadCapacityCdb(rc).lba() == 0);
    CHECK_FALSE(ReadCapacityCdb(rc).pmi());
}

TEST_CASE("READ CD and READ CD MSF builders read back through their views") {
    const auto rc = cdb::read_cd(-150, 0x01'0203, cdb::read_cd_main::whole_sector | 0x02, 2, 1);
    CHECK(opcode_and_length(rc, Opcode::ReadCd));
    const ReadCdCdb r(rc);
    CHECK(r.lba() == -150);
    CHECK(r.transfer_length() == 0x01'0203);
    CHECK(r.expected_sector_type() == 2);
    CHECK(r.sync());
    CHECK(r.header_codes() == 3);
    CHECK(r.user_data());
    CHECK(r.edc_ecc());
    CHECK(r.c2_error() == 1);
    CHECK(r.subchannel() == 1);
    CHECK(bytes_of(cdb::read_cd(16, 27, 0xF8)) ==
          std::vector<std::uint8_t>{0xBE, 0, 0, 0, 0, 16, 0, 0, 27, 0xF8, 0, 0});

    const auto rm = cdb::read_cd_msf({0, 2, 2}, {0, 2, 4}, cdb::read_cd_main::user_data, 1, 2);
    CHECK(opcode_and_length(rm, Opcode::ReadCdMsf));
    const ReadCdMsfCdb m(rm);
    CHECK(m.start(0) == 0);
    CHECK(m.start(1) == 2);
    CHECK(m.start(2) == 2);
    CHECK(m.end(2) == 4);
    CHECK(m.expected_sector_type() == 1);
    CHECK(m.user_data());
    CHECK_FALSE(m.sync());
    CHECK(m.subchannel() == 2);
    CHECK(bytes_of(rm) == std::vector<std::uint8_t>{0xB9, 0x04, 0, 0, 2, 2, 0, 2, 4, 0x10, 2, 0});
}

TEST_CASE("READ SUB-CHANNEL, READ TOC, disc and track information builders read back through their views") {
    const auto sc = cdb::read_subchannel(1, 16, true, true, 3);
    CHECK(opcode_and_length(sc, Opcode::ReadSubchannel));
    const ReadSubchannelCdb s(sc);
    CHECK(s.msf());
    CHECK(s.subq());
    CHECK(s.parameter_list() == 1);
    CHECK(s.track_number() == 3);
    CHECK(s.allocation_length() == 16);

    const auto toc = cdb::read_toc(cdb::toc_format::full_toc, 1, 0x07FF, true);
    CHECK(opcode_and_length(toc, Opcode::ReadTocPmaAtip));
    const ReadTocCdb t(toc);
    CHECK(t.msf());
    CHECK(t.format() == 2);
    CHECK(t.track_session_number() == 1);
    CHECK(t.allocation_length() == 0x07FF);
    CHECK(t.legacy_format() == 0);
    CHECK(bytes_of(cdb::read_toc(cdb::toc_format::atip, 0, 0x1C, true)) ==
          std::vector<std::uint8_t>{0x43, 0x02, 0x04, 0, 0, 0, 0, 0x00, 0x1C, 0});

    const auto di = cdb::read_disc_information(34, 2);
    CHECK(opcode_and_length(di, Opcode::ReadDiscInformation));
    CHECK(ReadDiscInformationCdb(di).data_type() == 2);
    CHECK(ReadDiscInformationCdb(di).allocation_length() == 34);
    CHECK(bytes_of(cdb::read_disc_information(34)) == std::vector<std::uint8_t>{0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0});

    const auto ti = cdb::read_track_information(cdb::track_address::lba, 0x0004'0000, 48, true);
    CHECK(opcode_and_length(ti, Opcode::ReadTrackInformation));
    const ReadTrackInformationCdb tr(ti);
    CHECK(tr.open());
    CHECK(tr.address_type() == 0);
    CHECK(tr.address() == 0x0004'0000);
    CHECK(tr.allocation_length() == 48);
    CHECK(bytes_of(cdb::read_track_information(cdb::track_address::track, cdb::track_address::invisible_track, 48)) ==
          std::vector<std::uint8_t>{0x52, 1, 0, 0, 0, 0xFF, 0, 0, 48, 0});
}

TEST_CASE("READ DISC STRUCTURE and READ FORMAT CAPACITIES builders read back through their views") {
    const auto ds = cdb::read_disc_structure(0x0E, 0x0804, 1, 0x0010'0000, 1, 3);
    CHECK(opcode_and_length(ds, Opcode::ReadDiscStructure));
    const ReadDiscStructureCdb d(ds);
    CHECK(d.format() == 0x0E);
    CHECK(d.allocation_length() == 0x0804);
    CHECK(d.media_type() == 1);
    CHECK(d.address() == 0x0010'0000);
    CHECK(d.layer() == 1);
    CHECK(d.agid() == 3);
    CHECK(bytes_of(cdb::read_disc_structure(0, 0x0804)) ==
          std::vector<std::uint8_t>{0xAD, 0, 0, 0, 0, 0, 0, 0x00, 0x08, 0x04, 0, 0});

    const auto fc = cdb::read_format_capacities(0xFFFC);
    CHECK(opcode_and_length(fc, Opcode::ReadFormatCapacities));
    CHECK(ReadFormatCapacitiesCdb(fc).allocation_length() == 0xFFFC);
}

TEST_CASE("WRITE(10), WRITE AND VERIFY(10) and WRITE(12) builders read back through their views") {
    const auto w = cdb::write10(0x00AB'CDEF, 0x1234, true);
    CHECK(opcode_and_length(w, Opcode::Write10));
    CHECK(Write10Cdb(w).fua());
    CHECK(Write10Cdb(w).lba() == 0x00AB'CDEF);
    CHECK(Write10Cdb(w).transfer_length() == 0x1234);
    CHECK(bytes_of(cdb::write10(32, 16)) == std::vector<std::uint8_t>{0x2A, 0, 0, 0, 0, 32, 0, 0, 16, 0});

    const auto wv = cdb::write_and_verify10(7, 1, true);
    CHECK(opcode_and_length(wv, Opcode::WriteAndVerify10));
    CHECK(WriteAndVerify10Cdb(wv).bytchk());
    CHECK(WriteAndVerify10Cdb(wv).lba() == 7);
    CHECK(WriteAndVerify10Cdb(wv).transfer_length() == 1);
    CHECK_FALSE(WriteAndVerify10Cdb(cdb::write_and_verify10(7, 1)).bytchk());

    const auto w12 = cdb::write12(0x8000'0000, 0x0002'0000, true);
    CHECK(opcode_and_length(w12, Opcode::Write12));
    CHECK(Write12Cdb(w12).lba() == 0x8000'0000);
    CHECK(Write12Cdb(w12).transfer_length() == 0x0002'0000);
    CHECK(Write12Cdb(w12).streaming());
    CHECK_FALSE(Write12Cdb(cdb::write12(0, 1)).streaming());
}

TEST_CASE("track and session builders: RESERVE TRACK, SEND CUE SHEET, CLOSE TRACK/SESSION") {
    const auto rt = cdb::reserve_track(0x0102'0304);
    CHECK(opcode_and_length(rt, Opcode::ReserveTrack));
    CHECK_FALSE(ReserveTrackCdb(rt).arsv());
    CHECK(ReserveTrackCdb(rt).reservation_size() == 0x0102'0304);

    const auto cue = cdb::send_cue_sheet(0x01'0008);
    CHECK(opcode_and_length(cue, Opcode::SendCueSheet));
    CHECK(SendCueSheetCdb(cue).cue_sheet_size() == 0x01'0008);

    const auto ct = cdb::close_track_session(cdb::close_function::track, 0x0102, true);
    CHECK(opcode_and_length(ct, Opcode::CloseTrackSession));
    const CloseTrackSessionCdb c(ct);
    CHECK(c.immed());
    CHECK(c.close_function() == 1);
    CHECK(c.track_number() == 0x0102);
    CHECK(bytes_of(cdb::close_track_session(cdb::close_function::finalize)) ==
          std::vector<std::uint8_t>{0x5B, 0, 5, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("medium builders: BLANK, FORMAT UNIT, SYNCHRONIZE CACHE, SEND DISC STRUCTURE, SEND OPC") {
    const auto b = cdb::blank(cdb::blanking_type::track, true, 0x0001'0000);
    CHECK(opcode_and_length(b, Opcode::Blank));
    CHECK(BlankCdb(b).immed());
    CHECK(BlankCdb(b).blanking_type() == 2);
    CHECK(BlankCdb(b).address() == 0x0001'0000);
    CHECK(bytes_of(cdb::blank(cdb::blanking_type::minimal, true)) ==
          std::vector<std::uint8_t>{0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    const auto f = cdb::format_unit(true, 1, true);
    CHECK(opcode_and_length(f, Opcode::FormatUnit));
    CHECK(FormatUnitCdb(f).fmt_data());
    CHECK(FormatUnitCdb(f).cmp_list());
    CHECK(FormatUnitCdb(f).format_code() == 1);
    CHECK(bytes_of(cdb::format_unit()) == std::vector<std::uint8_t>{0x04, 0x11, 0, 0, 0, 0});

    CHECK(SynchronizeCacheCdb(cdb::synchronize_cache(true)).immed());
    CHECK(bytes_of(cdb::synchronize_cache()) == std::vector<std::uint8_t>{0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    const auto sd = cdb::send_disc_structure(0x30, 0x000A, 1);
    CHECK(opcode_and_length(sd, Opcode::SendDiscStructure));
    CHECK(SendDiscStructureCdb(sd).format() == 0x30);
    CHECK(SendDiscStructureCdb(sd).parameter_list_length() == 10);
    CHECK(SendDiscStructureCdb(sd).media_type() == 1);

    const auto opc = cdb::send_opc_information(true, 8);
    CHECK(opcode_and_length(opc, Opcode::SendOpcInformation));
    CHECK(SendOpcInformationCdb(opc).do_opc());
    CHECK(SendOpcInformationCdb(opc).parameter_list_length() == 8);
    CHECK(bytes_of(cdb::send_opc_information()) == std::vector<std::uint8_t>{0x54, 0x01, 0, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("SBC builders: VERIFY(10), SEEK(10), READ(16) and WRITE(16) read back through their views") {
    const auto vf = cdb::verify10(0x0A0B'0C0D, 300);
    CHECK(opcode_and_length(vf, Opcode::Verify10));
    CHECK(Verify10Cdb(vf).lba() == 0x0A0B'0C0D);
    CHECK(Verify10Cdb(vf).verification_length() == 300);

    const auto sk = cdb::seek10(77);
    CHECK(opcode_and_length(sk, Opcode::Seek10));
    CHECK(Seek10Cdb(sk).lba() == 77);

    const auto r16 = cdb::read16(0x0000'0001'0000'0000, 5);
    CHECK(opcode_and_length(r16, Opcode::Read16));
    CHECK(Block16Cdb(r16).lba() == 0x0000'0001'0000'0000);
    CHECK(Block16Cdb(r16).transfer_length() == 5);

    const auto w16 = cdb::write16(42, 0x0001'0000);
    CHECK(opcode_and_length(w16, Opcode::Write16));
    CHECK(Block16Cdb(w16).lba() == 42);
    CHECK(Block16Cdb(w16).transfer_length() == 0x0001'0000);
}

TEST_CASE("audio play builders: PLAY AUDIO(10)/(12)/MSF, PAUSE/RESUME, STOP PLAY/SCAN, SCAN read back") {
    const auto p10 = cdb::play_audio10(0xFFFF'FFFF, 300);
    CHECK(opcode_and_length(p10, Opcode::PlayAudio10));
    CHECK(PlayAudio10Cdb(p10).lba() == play_from_current_position);
    CHECK(PlayAudio10Cdb(p10).length() == 300);
    const auto p12 = cdb::play_audio12(1000, 0x0001'0002);
    CHECK(opcode_and_length(p12, Opcode::PlayAudio12));
    CHECK(PlayAudio12Cdb(p12).lba() == 1000);
    CHECK(PlayAudio12Cdb(p12).length() == 0x0001'0002);
    // CDROMPLAYMSF 00:02:00 to 00:08:00, as the sr driver sends it.
    CHECK(bytes_of(cdb::play_audio_msf({0, 2, 0}, {0, 8, 0})) ==
          std::vector<std::uint8_t>{0x47, 0, 0, 0, 2, 0, 0, 8, 0, 0});
    CHECK(PlayAudioMsfCdb(cdb::play_audio_msf({1, 2, 3}, {4, 5, 6})).start() == 0x010203);
    CHECK(PlayAudioMsfCdb(cdb::play_audio_msf({1, 2, 3}, {4, 5, 6})).end() == 0x040506);
    CHECK(PauseResumeCdb(cdb::pause_resume(true)).resume());
    CHECK(bytes_of(cdb::pause_resume(false)) == std::vector<std::uint8_t>{0x4B, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    CHECK(opcode_and_length(cdb::stop_play_scan(), Opcode::StopPlayScan));
    const auto sc = cdb::scan(true, 7, 2);
    CHECK(opcode_and_length(sc, Opcode::Scan));
    CHECK(ScanCdb(sc).reverse());
    CHECK(ScanCdb(sc).start() == 7);
    CHECK(ScanCdb(sc).type() == 2);
}

} // namespace
} // namespace spindle::scsi
