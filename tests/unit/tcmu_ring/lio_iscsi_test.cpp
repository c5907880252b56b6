// The pieces of the iSCSI export that need no kernel: portals, iSCSI names, the CHAP file and
// its permissions, and which settings may be served.
#include "emulator/targets/tcmu/lio_iscsi.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace spindle::tcmu;

namespace lio_iscsi_test {

// A CHAP file in a fresh directory, written with the given mode.
struct ChapFile {
    std::filesystem::path dir;
    std::filesystem::path path;
    ChapFile(const std::string& text, mode_t mode) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "spindle-chap-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        dir = tmpl;
        path = dir / "chap";
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        REQUIRE(fd >= 0);
        REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
        ::close(fd);
        REQUIRE(::chmod(path.c_str(), mode) == 0);
    }
    ~ChapFile() { std::filesystem::remove_all(dir); }
};

const std::string debian_initiator = "iqn.1993-08.org.debian:01:b058f996817e";
const std::string windows_initiator = "iqn.1991-05.com.microsoft:build-7.example.org";

} // namespace lio_iscsi_test

using namespace lio_iscsi_test;

TEST_CASE("parse_portal: IPv4 and bracketed IPv6, port 3260 unless given; host names and bad ports refused") {
    auto p = parse_portal("127.0.0.1:3261");
    REQUIRE(p);
    CHECK(p->address == "127.0.0.1");
    CHECK(p->port == 3261);
    CHECK(p->text() == "127.0.0.1:3261");
    p = parse_portal("192.168.1.20");
    REQUIRE(p);
    CHECK(p->text() == "192.168.1.20:3260");
    p = parse_portal("[::1]:3270");
    REQUIRE(p);
    CHECK(p->ipv6);
    CHECK(p->text() == "[::1]:3270");
    CHECK(parse_portal("[fe80::1]")->text() == "[fe80::1]:3260");

    for (const char* bad : {"", "localhost:3260", "::1:3260", "[::1", "[::1]3260", "127.0.0.1:", "127.0.0.1:0",
                            "127.0.0.1:65536", "127.0.0.1:32x", "300.1.1.1:3260", "[127.0.0.1]:3260"}) {
        CAPTURE(bad);
        auto r = parse_portal(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().find("expected ADDRESS[:PORT]") != std::string::npos);
    }
    CHECK(parse_portal("localhost").error().find("host names") != std::string::npos);
}

TEST_CASE("is_loopback and is_wildcard tell 127/8, ::1 and the any-addresses from the rest") {
    auto loop = [](const char* s) { return is_loopback(*parse_portal(s)); };
    auto any = [](const char* s) { return is_wildcard(*parse_portal(s)); };
    CHECK(loop("127.0.0.1"));
    CHECK(loop("127.3.2.1:99"));
    CHECK(loop("[::1]"));
    CHECK(loop("[::ffff:127.0.0.1]"));
    CHECK_FALSE(loop("128.0.0.1"));
    CHECK_FALSE(loop("10.0.0.1"));
    CHECK_FALSE(loop("0.0.0.0"));
    CHECK_FALSE(loop("[::]"));
    CHECK_FALSE(loop("[::2]"));
    CHECK_FALSE(loop("[::ffff:10.0.0.1]"));
    CHECK(any("0.0.0.0:3260"));
    CHECK(any("[::]"));
    CHECK_FALSE(any("127.0.0.1"));
    CHECK_FALSE(any("[::1]"));
}

TEST_CASE("check_iscsi_name: iqn., eui. and naa. names as RFC 3720 spells them") {
    for (const auto& good :
         {debian_initiator, windows_initiator, std::string("iqn.2003-01.org.linux-iscsi.host:sn.1"),
          std::string("iqn.2024-12.org.example"), std::string("eui.02004567A425678D"),
          std::string("naa.52004567BA64678D"), std::string("naa.52004567ba64678d0123456789abcdef")}) {
        CAPTURE(good);
        CHECK(check_iscsi_name(good));
    }
    auto why = [](std::string_view name) { return check_iscsi_name(name).error(); };
    CHECK(why("iqn.1993-08.org.Debian:01").find("upper case") != std::string::npos);
    CHECK(why("iqn.1993-08.org.debian:a_b").find("character '_'") != std::string::npos);
    CHECK(why("iqn.1993-13.org.debian").find("month 13") != std::string::npos);
    CHECK(why("iqn.93-08.org.debian").find("YYYY-MM") != std::string::npos);
    CHECK(why("iqn.1993-08").find("reversed domain") != std::string::npos);
    CHECK(why("iqn.1993-08.:x").find("reversed domain") != std::string::npos);
    CHECK(why("eui.0200").find("16 hex digits") != std::string::npos);
    CHECK(why("naa.52004567BA64678D00").find("16 or 32") != std::string::npos);
    CHECK(why("disk1").find("expected iqn.") != std::string::npos);
    CHECK(why("").find("empty") != std::string::npos);
    CHECK(why("iqn.2024-01.org.example:" + std::string(200, 'a')).find("223 bytes") != std::string::npos);
}

TEST_CASE("default_target_iqn folds the host name and label into a valid name") {
    CHECK(default_target_iqn("build-7", "spindle-1234") == "iqn.2003-01.org.linux-iscsi.build-7:spindle-1234");
    const auto folded = default_target_iqn("Build_Host.Example", "spindle-CI:x");
    CHECK(folded == "iqn.2003-01.org.linux-iscsi.build-host.example:spindle-ci-x");
    CHECK(check_iscsi_name(folded));
    CHECK(check_iscsi_name(default_target_iqn("", "spindle-1")));
    CHECK(check_iscsi_name(default_target_iqn("h", std::string(300, 'x'))));
}

TEST_CASE("parse_chap_config: initiators with one-way or mutual CHAP, a discovery line, comments") {
    const std::string text = "# who may log in\n"
                             "initiator " +
                             debian_initiator +
                             "  alice  alice-secret-1\n"
                             "\n"
                             "initiator " +
                             windows_initiator +
                             "\tbob bob-secret-123 spindle target-secret  # mutual\r\n"
                             "discovery finder finder-secret\n";
    auto c = parse_chap_config(text, "creds");
    REQUIRE(c);
    REQUIRE(c->initiators.size() == 2);
    CHECK(c->initiators[0].iqn == debian_initiator);
    CHECK(c->initiators[0].chap.initiator.user == "alice");
    CHECK(c->initiators[0].chap.initiator.secret == "alice-secret-1");
    CHECK_FALSE(c->initiators[0].chap.target);
    REQUIRE(c->initiators[1].chap.target);
    CHECK(c->initiators[1].chap.target->user == "spindle");
    CHECK(c->initiators[1].chap.target->secret == "target-secret");
    REQUIRE(c->discovery);
    CHECK(c->discovery->initiator.user == "finder");
}

TEST_CASE("parse_chap_config refuses what LIO or an initiator would not take, naming the line") {
    const std::string ini = "initiator " + debian_initiator + " ";
    struct Case {
        std::string text;
        std::string error;
    };
    for (const auto& [text, error] : std::initializer_list<Case>{
             {"\n" + ini + "alice short\n", "creds:2: the initiator's secret: expected 12 to 255"},
             {ini + "alice " + std::string(256, 's') + "\n", "creds:1: the initiator's secret"},
             {ini + "alice alice-secret-1 spindle alice-secret-1\n", "creds:1: the mutual secret must differ"},
             {ini + "alice alice-secret-1 spindle\n", "creds:1: expected USER SECRET"},
             {ini + "\n", "creds:1: expected USER SECRET"},
             {"initiator\n", "creds:1: expected the initiator's IQN"},
             {"initiator iqn.1993-08.org.Debian:01 alice alice-secret-1\n", "creds:1: iSCSI name"},
             {ini + "alice alice-secret-1\n" + ini + "bob bob-secret-1234\n",
              "creds:2: initiator " + debian_initiator + " is listed twice"},
             {ini + "alice alice-secret-1\ndiscovery a aaaaaaaaaaaa\ndiscovery b bbbbbbbbbbbb\n",
              "creds:3: a second 'discovery'"},
             {"user alice alice-secret-1\n", "creds:1: expected 'initiator IQN USER SECRET"},
             {"# nobody\ndiscovery a aaaaaaaaaaaa\n", "creds: no 'initiator' line"},
             {"", "creds: no 'initiator' line"},
         }) {
        CAPTURE(text);
        auto c = parse_chap_config(text, "creds");
        REQUIRE_FALSE(c);
        CHECK(c.error().find(error) != std::string::npos);
    }
}

TEST_CASE("load_chap_config reads only a regular file its owner alone may read") {
    const std::string text = "initiator " + debian_initiator + " alice alice-secret-1\n";
    {
        ChapFile f(text, 0600);
        auto c = load_chap_config(f.path);
        REQUIRE(c);
        CHECK(c->initiators.at(0).iqn == debian_initiator);
        ChapFile ro(text, 0400);
        CHECK(load_chap_config(ro.path));
    }
    for (const mode_t mode : {0640u, 0604u, 0660u, 0620u}) {
        ChapFile f(text, mode);
        auto c = load_chap_config(f.path);
        REQUIRE_FALSE(c);
        CHECK(c.error().find("lets others read or change the secrets") != std::string::npos);
        CHECK(c.error().find("chmod 600") != std::string::npos);
    }
    {
        ChapFile f(text, 0600);
        const auto link = f.dir / "link";
        std::filesystem::create_symlink(f.path, link);
        CHECK_FALSE(load_chap_config(link)); // the file itself, not where a link points
        CHECK(load_chap_config(f.dir / "absent").error().find("cannot open the CHAP file") != std::string::npos);
        CHECK_FALSE(load_chap_config(f.dir));
    }
    if (::geteuid() == 0) { // only root can give a file away
        ChapFile f(text, 0600);
        REQUIRE(::chown(f.path.c_str(), 65534, 65534) == 0);
        auto c = load_chap_config(f.path);
        REQUIRE_FALSE(c);
        CHECK(c.error().find("owned by uid 65534") != std::string::npos);
    }
    {
        ChapFile f("initiator " + debian_initiator + " alice short\n", 0600);
        auto c = load_chap_config(f.path);
        REQUIRE_FALSE(c);
        CHECK(c.error().find(f.path.string() + ":1: the initiator's secret") != std::string::npos);
    }
}

TEST_CASE("check_iscsi_settings: no authentication only on loopback; a valid target name") {
    IscsiSettings s;
    s.iqn = "iqn.2003-01.org.linux-iscsi.h:spindle-1";
    s.portal = *parse_portal("127.0.0.1");
    CHECK(check_iscsi_settings(s));
    s.portal = *parse_portal("[::1]:3270");
    CHECK(check_iscsi_settings(s));
    for (const char* open : {"0.0.0.0", "192.168.1.20:3260", "[::]"}) {
        s.portal = *parse_portal(open);
        auto r = check_iscsi_settings(s);
        REQUIRE_FALSE(r);
        CHECK(r.error().find("--no-auth on portal") != std::string::npos);
    }
    s.auth = parse_chap_config("initiator " + debian_initiator + " alice alice-secret-1\n", "c").value();
    CHECK(check_iscsi_settings(s)); // CHAP: any address, asked for
    s.iqn = "iqn.2003-01.org.linux-iscsi.H:x";
    CHECK(check_iscsi_settings(s).error().find("upper case") != std::string::npos);
}
