package io.backprop.network;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * OpenBLAS, the library ND4J ships, called straight on ND4J's off-heap buffers: about 0.2 µs a call where ND4J's
 * own dispatch costs 10–50 µs. (Java arrays would be copied in and out on every call.) Matrices are row-major;
 * every routine takes float32 or float64 buffers alike.
 */
final class Blas {

    private Blas() {
    }

    /**
     * c = alpha·op(a)·op(b) + beta·c, with op(a) m × k and op(b) k × n. With a single column or a single row, one
     * factor is a contiguous vector either way, and a matrix-vector product is three times faster (measured).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Pointer a, Pointer b,
            double beta, Pointer c) {
        if (n == 1) {
            gemv(transA, transA ? k : m, transA ? m : k, alpha, a, b, beta, c);
            return;
        }
        if (m == 1) {
            // one row: c = aᵀ·op(b) is op(b)ᵀ·a, with op(b) stored k × n (or n × k when transposed)
            gemv(!transB, transB ? n : k, transB ? k : n, alpha, b, a, beta, c);
            return;
        }
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (c instanceof FloatPointer) {
            openblas.cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, (FloatPointer) a, lda,
                    (FloatPointer) b, ldb, (float) beta, (FloatPointer) c, n);
        }
        else {
            openblas.cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, (DoublePointer) a, lda, (DoublePointer) b,
                    ldb, beta, (DoublePointer) c, n);
        }
    }

    /** y = alpha·op(a)·x + beta·y, with a m × n (rows × columns as stored) and op transposing when asked. */
    static void gemv(boolean trans, int m, int n, double alpha, Pointer a, Pointer x, double beta, Pointer y) {
        int t = trans ? CblasTrans : CblasNoTrans;
        if (y instanceof FloatPointer) {
            openblas.cblas_sgemv(CblasRowMajor, t, m, n, (float) alpha, (FloatPointer) a, n, (FloatPointer) x, 1,
                    (float) beta, (FloatPointer) y, 1);
        }
        else {
            openblas.cblas_dgemv(CblasRowMajor, t, m, n, alpha, (DoublePointer) a, n, (DoublePointer) x, 1, beta,
                    (DoublePointer) y, 1);
        }
    }

    /** a += x·yᵀ, with a m × n: adds the row y to every row when x is all ones. */
    static void ger(int m, int n, Pointer x, Pointer y, Pointer a) {
        if (a instanceof FloatPointer) {
            openblas.cblas_sger(CblasRowMajor, m, n, 1, (FloatPointer) x, 1, (FloatPointer) y, 1, (FloatPointer) a, n);
        }
        else {
            openblas.cblas_dger(CblasRowMajor, m, n, 1, (DoublePointer) x, 1, (DoublePointer) y, 1, (DoublePointer) a,
                    n);
        }
    }

    /** y += alpha·x over n elements. */
    static void axpy(long n, double alpha, Pointer x, Pointer y) {
        if (y instanceof FloatPointer) {
            openblas.cblas_saxpy(Math.toIntExact(n), (float) alpha, (FloatPointer) x, 1, (FloatPointer) y, 1);
        }
        else {
            openblas.cblas_daxpy(Math.toIntExact(n), alpha, (DoublePointer) x, 1, (DoublePointer) y, 1);
        }
    }

    /** x *= alpha over n elements. */
    static void scal(long n, double alpha, Pointer x) {
        if (x instanceof FloatPointer) {
            openblas.cblas_sscal(Math.toIntExact(n), (float) alpha, (FloatPointer) x, 1);
        }
        else {
            openblas.cblas_dscal(Math.toIntExact(n), alpha, (DoublePointer) x, 1);
        }
    }

    /** x·x over n elements, accumulated in double. */
    static double squares(long n, Pointer x) {
        return x instanceof FloatPointer f ? openblas.cblas_dsdot(Math.toIntExact(n), f, 1, f, 1)
                : openblas.cblas_ddot(Math.toIntExact(n), (DoublePointer) x, 1, (DoublePointer) x, 1);
    }
}
