#include "emulator/targets/exec/ioctl_call.hpp"

namespace spindle::exec {

namespace {

void unref(void* object) { g_object_unref(object); }

} // namespace

std::span<std::uint8_t> ClientMemory::bytes() const {
    if (!data_ || data_->data == nullptr) return {};
    return {data_->data, static_cast<std::size_t>(data_->data_len)};
}

ClientMemory ClientMemory::follow(std::size_t offset, std::size_t length) const {
    if (!data_ || length == 0) return {};
    GError* error = nullptr;
    UMockdevIoctlData* child = umockdev_ioctl_data_resolve(data_.get(), offset, length, &error);
    if (error != nullptr) g_error_free(error);
    return child != nullptr ? ClientMemory(child) : ClientMemory();
}

IoctlCall::IoctlCall(UMockdevIoctlClient* client)
    : client_(static_cast<UMockdevIoctlClient*>(g_object_ref(client)), &unref) {}

unsigned long IoctlCall::request() const { return umockdev_ioctl_client_get_request(client_.get()); }

unsigned long IoctlCall::argument() const {
    unsigned long value = 0;
    const UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client_.get());
    if (arg != nullptr && arg->data != nullptr)
        std::memcpy(&value, arg->data, std::min(sizeof value, static_cast<std::size_t>(arg->data_len)));
    return value;
}

ClientMemory IoctlCall::argument_memory(std::size_t length) const {
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client_.get());
    if (arg == nullptr || length == 0) return {};
    GError* error = nullptr;
    UMockdevIoctlData* data = umockdev_ioctl_data_resolve(arg, 0, length, &error);
    if (error != nullptr) g_error_free(error);
    return data != nullptr ? ClientMemory(data) : ClientMemory();
}

void IoctlCall::complete(long result, int error) const { umockdev_ioctl_client_complete(client_.get(), result, error); }

} // namespace spindle::exec
