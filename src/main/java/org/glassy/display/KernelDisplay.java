package org.glassy.display;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Where display data goes: the running Jupyter kernel's display channel, found reflectively, or
 * standard output. Supports JJava ({@code org.dflib.jjava}) and rapaio-jupyter-kernel
 * ({@code org.rapaio.jupyter.kernel}); both take a {@code DisplayData} holding a MIME bundle.
 */
abstract class KernelDisplay {

    private static volatile KernelDisplay current;

    /**
     * Publishes a MIME bundle, as display_data.
     *
     * @param bundle MIME type → data (base64 text for images)
     * @param displayId an id for later updates, or null
     */
    abstract void display(Map<String, Object> bundle, String displayId);

    /**
     * Replaces the output published under {@code displayId} (update_display_data).
     *
     * @param bundle the new content
     * @param displayId the id given to {@link #display}
     */
    abstract void update(Map<String, Object> bundle, String displayId);

    static KernelDisplay current() {
        KernelDisplay k = current;
        if (k == null) {
            k = detect();
            current = k;
        }
        return k;
    }

    private static KernelDisplay detect() {
        KernelDisplay k = JJava.tryCreate();
        if (k == null) {
            k = Rapaio.tryCreate();
        }
        return k == null ? new Console() : k;
    }

    /**
     * Puts a MIME bundle and an optional display id into a kernel's {@code DisplayData} (both
     * kernels name the methods alike: {@code putData(String, Object)}, {@code setDisplayId(String)}).
     */
    private static Object fill(Object displayData, Map<String, Object> bundle, String displayId)
            throws ReflectiveOperationException {
        Method put = displayData.getClass().getMethod("putData", String.class, Object.class);
        for (Map.Entry<String, Object> e : bundle.entrySet()) {
            put.invoke(displayData, e.getKey(), e.getValue());
        }
        if (displayId != null) {
            displayData.getClass().getMethod("setDisplayId", String.class).invoke(displayData, displayId);
        }
        return displayData;
    }

    private static Class<?> find(String name) {
        for (ClassLoader loader : new ClassLoader[] {
            KernelDisplay.class.getClassLoader(), Thread.currentThread().getContextClassLoader(),
            ClassLoader.getSystemClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }

    /** JJava 1.x: {@code JavaNotebookStatics.kernel().display(DisplayData)}. */
    private static final class JJava extends KernelDisplay {
        private final Object kernel;
        private final Class<?> dataClass;
        private final Method display;
        private final Object stream;
        private final Method updateDisplay;

        private JJava(Object kernel, Class<?> dataClass) throws ReflectiveOperationException {
            this.kernel = kernel;
            this.dataClass = dataClass;
            this.display = kernel.getClass().getMethod("display", dataClass);
            Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
            Field displayField = io.getClass().getField("display");
            this.stream = displayField.get(io);
            this.updateDisplay = stream.getClass().getMethod("updateDisplay", String.class, dataClass);
        }

        static KernelDisplay tryCreate() {
            Class<?> statics = find("org.dflib.jjava.kernel.JavaNotebookStatics");
            Class<?> data = find("org.dflib.jjava.jupyter.kernel.display.DisplayData");
            if (statics == null || data == null) {
                return null;
            }
            try {
                Object kernel = statics.getMethod("kernel").invoke(null);
                return kernel == null ? null : new JJava(kernel, data);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        private Object data(Map<String, Object> bundle, String displayId) throws ReflectiveOperationException {
            return fill(dataClass.getConstructor().newInstance(), bundle, displayId);
        }

        @Override
        void display(Map<String, Object> bundle, String displayId) {
            try {
                display.invoke(kernel, data(bundle, displayId));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("JJava display failed", e);
            }
        }

        @Override
        void update(Map<String, Object> bundle, String displayId) {
            try {
                updateDisplay.invoke(stream, displayId, data(bundle, null));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("JJava updateDisplay failed", e);
            }
        }
    }

    /** rapaio-jupyter-kernel 3.x: {@code MainApp.kernel.display(DisplayData)}. */
    private static final class Rapaio extends KernelDisplay {
        private final Object kernel;
        private final Class<?> dataClass;

        private Rapaio(Object kernel, Class<?> dataClass) {
            this.kernel = kernel;
            this.dataClass = dataClass;
        }

        static KernelDisplay tryCreate() {
            Class<?> app = find("org.rapaio.jupyter.kernel.MainApp");
            Class<?> data = find("org.rapaio.jupyter.kernel.display.DisplayData");
            if (app == null || data == null) {
                return null;
            }
            try {
                Object kernel = app.getField("kernel").get(null);
                return kernel == null ? null : new Rapaio(kernel, data);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        private Object data(Map<String, Object> bundle, String displayId) throws ReflectiveOperationException {
            Object text = bundle.getOrDefault("text/plain", "");
            return fill(dataClass.getMethod("fromText", String.class).invoke(null, String.valueOf(text)), bundle,
                    displayId);
        }

        @Override
        void display(Map<String, Object> bundle, String displayId) {
            try {
                kernel.getClass().getMethod("display", dataClass).invoke(kernel, data(bundle, displayId));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("rapaio display failed", e);
            }
        }

        @Override
        void update(Map<String, Object> bundle, String displayId) {
            try {
                kernel.getClass().getMethod("updateDisplay", dataClass).invoke(kernel, data(bundle, displayId));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("rapaio updateDisplay failed", e);
            }
        }
    }

    /** No kernel: the text alternative on standard output. */
    private static final class Console extends KernelDisplay {
        @Override
        void display(Map<String, Object> bundle, String displayId) {
            Object text = bundle.get("text/plain");
            if (text != null) {
                System.out.println(text);
            }
        }

        @Override
        void update(Map<String, Object> bundle, String displayId) {
            display(bundle, displayId);
        }
    }
}
