// raytrace.js: a small recursive ray tracer, written from scratch for moat. A scene of spheres
// and a checkered plane, lit by point lights with diffuse and specular shading, shadows and
// mirror reflection, is rendered to a small image whose pixels are folded into a checksum.
// Allocation-heavy vector arithmetic on small objects, polymorphic intersection methods.
//
// Plain ES2020 script, no host APIs. Only +, -, *, / and Math.sqrt (all correctly rounded in
// IEEE 754) feed the image, so every conforming engine computes the same pixels. The checksum
// (completion value, also in `result`) must match the expected one or the file throws.

const ITERATIONS = 4;
const WIDTH = 96;
const HEIGHT = 72;
const MAX_DEPTH = 4;
const EPSILON = 1e-6;

class Vec {
  constructor(x, y, z) {
    this.x = x;
    this.y = y;
    this.z = z;
  }

  add(o) {
    return new Vec(this.x + o.x, this.y + o.y, this.z + o.z);
  }

  sub(o) {
    return new Vec(this.x - o.x, this.y - o.y, this.z - o.z);
  }

  scale(k) {
    return new Vec(this.x * k, this.y * k, this.z * k);
  }

  mul(o) {
    return new Vec(this.x * o.x, this.y * o.y, this.z * o.z);
  }

  dot(o) {
    return this.x * o.x + this.y * o.y + this.z * o.z;
  }

  cross(o) {
    return new Vec(this.y * o.z - this.z * o.y, this.z * o.x - this.x * o.z, this.x * o.y - this.y * o.x);
  }

  length() {
    return Math.sqrt(this.dot(this));
  }

  normalize() {
    return this.scale(1 / this.length());
  }
}

const BLACK = new Vec(0, 0, 0);

class Ray {
  constructor(origin, direction) {
    this.origin = origin;
    this.direction = direction;
  }

  at(t) {
    return this.origin.add(this.direction.scale(t));
  }
}

class Material {
  constructor(color, diffuse, specular, shininess, reflectivity) {
    this.color = color;
    this.diffuse = diffuse;
    this.specular = specular;
    this.shininess = shininess;
    this.reflectivity = reflectivity;
  }

  colorAt(point) {
    return this.color;
  }
}

// A two-colour checkerboard in the x/z plane.
class Checker extends Material {
  constructor(even, odd, size, reflectivity) {
    super(even, 0.9, 0.2, 8, reflectivity);
    this.odd = odd;
    this.size = size;
  }

  colorAt(point) {
    const cell = Math.floor(point.x / this.size) + Math.floor(point.z / this.size);
    return (cell & 1) === 0 ? this.color : this.odd;
  }
}

class Hit {
  constructor(shape, t) {
    this.shape = shape;
    this.t = t;
  }
}

class Sphere {
  constructor(center, radius, material) {
    this.center = center;
    this.radius = radius;
    this.material = material;
  }

  // Nearest t > EPSILON where the ray meets the sphere, or -1.
  intersect(ray) {
    const oc = ray.origin.sub(this.center);
    const b = oc.dot(ray.direction);
    const c = oc.dot(oc) - this.radius * this.radius;
    const disc = b * b - c;
    if (disc < 0) return -1;
    const root = Math.sqrt(disc);
    let t = -b - root;
    if (t > EPSILON) return t;
    t = -b + root;
    return t > EPSILON ? t : -1;
  }

  normalAt(point) {
    return point.sub(this.center).normalize();
  }
}

class Plane {
  constructor(normal, offset, material) {
    this.normal = normal.normalize();
    this.offset = offset;
    this.material = material;
  }

  intersect(ray) {
    const denom = this.normal.dot(ray.direction);
    if (denom > -EPSILON && denom < EPSILON) return -1;
    const t = -(this.normal.dot(ray.origin) + this.offset) / denom;
    return t > EPSILON ? t : -1;
  }

  normalAt(point) {
    return this.normal;
  }
}

class Light {
  constructor(position, color) {
    this.position = position;
    this.color = color;
  }
}

class Camera {
  constructor(eye, target, up) {
    this.eye = eye;
    this.forward = target.sub(eye).normalize();
    this.right = this.forward.cross(up).normalize().scale(1.5);
    this.up = this.right.cross(this.forward).normalize().scale(1.125);
  }

  // The ray through the normalised screen point (sx, sy), both in [-0.5, 0.5].
  rayThrough(sx, sy) {
    const direction = this.forward.add(this.right.scale(sx)).add(this.up.scale(sy)).normalize();
    return new Ray(this.eye, direction);
  }
}

class Scene {
  constructor() {
    const shiny = (r, g, b) => new Material(new Vec(r, g, b), 0.7, 0.6, 32, 0.35);
    const matte = (r, g, b) => new Material(new Vec(r, g, b), 0.9, 0.1, 4, 0);
    this.shapes = [
      new Plane(new Vec(0, 1, 0), 0, new Checker(new Vec(0.9, 0.9, 0.9), new Vec(0.1, 0.1, 0.1), 1, 0.25)),
      new Sphere(new Vec(0, 1, 0), 1, shiny(0.8, 0.2, 0.2)),
      new Sphere(new Vec(-2.2, 0.75, 1), 0.75, shiny(0.2, 0.8, 0.3)),
      new Sphere(new Vec(2, 0.5, -0.5), 0.5, matte(0.2, 0.3, 0.9)),
      new Sphere(new Vec(0.8, 0.3, 2), 0.3, shiny(0.9, 0.8, 0.1)),
    ];
    for (let i = 0; i < 6; i++) {
      this.shapes.push(new Sphere(new Vec(-3 + i * 1.2, 0.2, -2.5), 0.2, matte(0.3 + i * 0.1, 0.5, 0.7 - i * 0.1)));
    }
    this.lights = [
      new Light(new Vec(-4, 6, 4), new Vec(0.7, 0.7, 0.7)),
      new Light(new Vec(3, 4, 5), new Vec(0.4, 0.35, 0.3)),
    ];
    this.ambient = new Vec(0.1, 0.1, 0.12);
    this.background = new Vec(0.15, 0.2, 0.35);
  }

  nearest(ray) {
    let best = null;
    for (const shape of this.shapes) {
      const t = shape.intersect(ray);
      if (t > 0 && (best === null || t < best.t)) best = new Hit(shape, t);
    }
    return best;
  }

  inShadow(point, light) {
    const toLight = light.position.sub(point);
    const distance = toLight.length();
    const ray = new Ray(point, toLight.scale(1 / distance));
    for (const shape of this.shapes) {
      const t = shape.intersect(ray);
      if (t > 0 && t < distance) return true;
    }
    return false;
  }

  trace(ray, depth) {
    const hit = this.nearest(ray);
    if (hit === null) return this.background;
    const point = ray.at(hit.t);
    const normal = hit.shape.normalAt(point);
    const material = hit.shape.material;
    const base = material.colorAt(point);
    let color = base.mul(this.ambient);
    const reflected = ray.direction.sub(normal.scale(2 * normal.dot(ray.direction)));
    for (const light of this.lights) {
      if (this.inShadow(point, light)) continue;
      const toLight = light.position.sub(point).normalize();
      const lambert = normal.dot(toLight);
      if (lambert > 0) color = color.add(base.mul(light.color).scale(lambert * material.diffuse));
      const highlight = reflected.dot(toLight);
      if (highlight > 0) {
        let power = highlight;
        for (let i = 1; i < material.shininess; i *= 2) power *= power;
        color = color.add(light.color.scale(power * material.specular));
      }
    }
    if (material.reflectivity > 0 && depth < MAX_DEPTH) {
      const bounce = this.trace(new Ray(point, reflected), depth + 1);
      color = color.scale(1 - material.reflectivity).add(bounce.scale(material.reflectivity));
    }
    return color;
  }
}

const toByte = (channel) => (channel >= 1 ? 255 : channel <= 0 ? 0 : Math.floor(channel * 255));

// Renders the scene and folds the pixels, row by row, into a 31-bit hash.
function render() {
  const scene = new Scene();
  const camera = new Camera(new Vec(0, 2.2, 7), new Vec(0, 0.8, 0), new Vec(0, 1, 0));
  let hash = 17;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const ray = camera.rayThrough((x + 0.5) / WIDTH - 0.5, 0.5 - (y + 0.5) / HEIGHT);
      const c = scene.trace(ray, 0);
      const rgb = (toByte(c.x) << 16) | (toByte(c.y) << 8) | toByte(c.z);
      hash = (hash * 31 + rgb) % 2147483647;
    }
  }
  return hash;
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = render();
    if (checksum !== -1 && c !== checksum) throw new Error("raytrace: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 15450118;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("raytrace: checksum " + result + ", expected " + EXPECTED);
}
result;
