print("retina-report: skeleton")
