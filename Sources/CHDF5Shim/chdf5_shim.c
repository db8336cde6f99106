#include "chdf5_shim.h"
#include <hdf5.h>

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
