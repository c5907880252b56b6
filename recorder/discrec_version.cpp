// The recorder library: IMAPI2-style recording over a ScsiTransport.
namespace spindle::recorder {
const char* version() { return "0.1.0"; }
} // namespace spindle::recorder
