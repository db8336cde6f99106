// Functions around HDF5 macros Swift cannot import: the H5T_NATIVE_* type ids are macros over
// globals initialised by H5open(), and H5P_DEFAULT / H5S_ALL are plain macros.
#ifndef CHDF5_SHIM_H
#define CHDF5_SHIM_H
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
#endif
