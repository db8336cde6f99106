// Functions around HDF5 macros Swift cannot import: the H5T_NATIVE_* type ids are macros over
// globals initialised by H5open(), and H5P_DEFAULT / H5S_ALL are plain macros.
#ifndef CHDF5_SHIM_H
#define CHDF5_SHIM_H
#include <stddef.h>
#include <stdint.h>

/// Initialises the library (H5open) and silences its own error printing; returns < 0 on failure.
int chdf5_initialise(void);
int64_t chdf5_native_float(void);
int64_t chdf5_native_double(void);
int64_t chdf5_native_int64(void);
int64_t chdf5_native_uint8(void);
int64_t chdf5_c_string(void);
int64_t chdf5_default_properties(void);
int64_t chdf5_select_all(void);
unsigned chdf5_read_only(void);
unsigned chdf5_truncate(void);

/// Visits every link of the file without following any (H5Lvisit): 1 and the first external or
/// user-defined link's path in `name` (which could open another file, a named pipe included), 0 when
/// every link is hard or soft, -1 on failure.
int chdf5_find_foreign_link(int64_t file, char *name, size_t capacity);
/// 1 when link `name` in `location` is a hard link (resolving it opens nothing else), 0 when it is
/// another kind, -1 when it cannot be read. Does not follow the link itself.
int chdf5_link_is_hard(int64_t location, const char *name);

/// How a dataset's raw data is stored.
enum {
    CHDF5_LAYOUT_COMPACT = 0,        // in the object header
    CHDF5_LAYOUT_CONTIGUOUS = 1,     // one block in the file
    CHDF5_LAYOUT_CHUNKED = 2,        // chunks, possibly filtered (compressed)
    CHDF5_LAYOUT_EXTERNAL_FILES = 3, // raw data in other files (H5Pset_external)
    CHDF5_LAYOUT_OTHER = 4,          // unknown
    CHDF5_LAYOUT_VIRTUAL = 5         // a virtual dataset: mapped from datasets in other files
};
/// The bytes a dataset really stores in the file (H5Dget_storage_size), its layout (CHDF5_LAYOUT_*)
/// and its number of filters; returns < 0 on failure.
int chdf5_dataset_storage(int64_t dataset, uint64_t *stored_bytes, int *layout, int *filters);
#endif
