import torch
from grader.checks import test, learner, expect_tensor


def ref_brighten(img, delta):
    flat = [min(255, max(0, v + delta)) for v in img.reshape(-1).tolist()]
    return torch.tensor(flat, dtype=torch.uint8).reshape(img.shape)


def ref_unit(img):
    flat = [v / 255 for v in img.reshape(-1).tolist()]
    return torch.tensor(flat, dtype=torch.float64).reshape(img.shape).to(torch.float32)


def image(*shape):
    return torch.randint(0, 256, shape, dtype=torch.uint8)


@test("brighten: the worked example, +100 and -50")
def brighten_example():
    img = torch.tensor([0, 10, 200, 250], dtype=torch.uint8)
    expect_tensor(learner.brighten(img, 100), ref_brighten(img, 100), dims="like img")
    expect_tensor(learner.brighten(img, -50), ref_brighten(img, -50), dims="like img")


@test("brighten: a random (5, 4, 3) image, delta = +90 (many values saturate at 255)")
def brighten_up():
    img = image(5, 4, 3)
    expect_tensor(learner.brighten(img, 90), ref_brighten(img, 90), dims="(H, W, C), like img")


@test("brighten: a random (3, 7) image, delta = -120 (many values saturate at 0)")
def brighten_down():
    img = image(3, 7)
    expect_tensor(learner.brighten(img, -120), ref_brighten(img, -120), dims="(H, W), like img")


@test("brighten: extreme deltas +300 and -300, and 0")
def brighten_extreme():
    img = image(2, 6)
    for delta in (300, -300, 0):
        expect_tensor(learner.brighten(img, delta), ref_brighten(img, delta), dims="like img")


@test("to_unit_float: [0, 51, 255] -> [0.0, 0.2, 1.0] as float32")
def unit_example():
    img = torch.tensor([0, 51, 255], dtype=torch.uint8)
    expect_tensor(learner.to_unit_float(img), ref_unit(img), dims="like img")


@test("to_unit_float: a random (4, 5, 3) image")
def unit_random():
    img = image(4, 5, 3)
    expect_tensor(learner.to_unit_float(img), ref_unit(img), dims="(H, W, C), like img")


@test("to_unit_float: a dark image (values 0..100): 255 is the scale, not the image's maximum")
def unit_dark():
    img = torch.randint(0, 101, (3, 6), dtype=torch.uint8)
    expect_tensor(learner.to_unit_float(img), ref_unit(img), dims="(H, W), like img")
