#include "chdf5_shim.h"
#include <hdf5.h>
#include <string.h>

int chdf5_initialise(void) {
    if (H5open() < 0) return -1;
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    return 0;
}
int64_t chdf5_native_float(void) { return H5T_NATIVE_FLOAT; }
int64_t chdf5_native_double(void) { return H5T_NATIVE_DOUBLE; }
int64_t chdf5_native_int64(void) { return H5T_NATIVE_INT64; }
int64_t chdf5_native_uint8(void) { return H5T_NATIVE_UINT8; }
int64_t chdf5_c_string(void) { return H5T_C_S1; }
int64_t chdf5_default_properties(void) { return H5P_DEFAULT; }
int64_t chdf5_select_all(void) { return H5S_ALL; }
unsigned chdf5_read_only(void) { return H5F_ACC_RDONLY; }
unsigned chdf5_truncate(void) { return H5F_ACC_TRUNC; }

struct chdf5_link_search { char *name; size_t capacity; };

static herr_t chdf5_visit_link(hid_t group, const char *name, const H5L_info_t *info, void *data) {
    (void)group;
    if (info->type == H5L_TYPE_HARD || info->type == H5L_TYPE_SOFT) return 0;
    struct chdf5_link_search *search = data;
    if (search->capacity > 0) {
        strncpy(search->name, name, search->capacity - 1);
        search->name[search->capacity - 1] = 0;
    }
    return 1;  // stop: found one
}

int chdf5_find_foreign_link(int64_t file, char *name, size_t capacity) {
    struct chdf5_link_search search = { name, capacity };
    herr_t status = H5Lvisit(file, H5_INDEX_NAME, H5_ITER_NATIVE, chdf5_visit_link, &search);
    return status < 0 ? -1 : status > 0 ? 1 : 0;
}

int chdf5_dataset_storage(int64_t dataset, uint64_t *stored_bytes, int *layout, int *filters) {
    hid_t plist = H5Dget_create_plist(dataset);
    if (plist < 0) return -1;
    H5D_layout_t l = H5Pget_layout(plist);
    int n = H5Pget_nfilters(plist);
    int external = H5Pget_external_count(plist);
    H5Pclose(plist);
    if (l < 0 || n < 0 || external < 0) return -1;
    if (l == H5D_VIRTUAL) {
        // Never ask a virtual dataset for its storage: that opens its source files (a named pipe blocks).
        *stored_bytes = 0; *layout = CHDF5_LAYOUT_VIRTUAL; *filters = n;
        return 0;
    }
    *stored_bytes = (uint64_t)H5Dget_storage_size(dataset);
    *layout = external > 0 ? CHDF5_LAYOUT_EXTERNAL_FILES
        : l == H5D_COMPACT ? CHDF5_LAYOUT_COMPACT
        : l == H5D_CONTIGUOUS ? CHDF5_LAYOUT_CONTIGUOUS
        : l == H5D_CHUNKED ? CHDF5_LAYOUT_CHUNKED
        : CHDF5_LAYOUT_OTHER;
    *filters = n;
    return 0;
}

int chdf5_link_is_hard(int64_t location, const char *name) {
    H5L_info_t info;
    if (H5Lget_info(location, name, &info, H5P_DEFAULT) < 0) return -1;
    return info.type == H5L_TYPE_HARD ? 1 : 0;
}
